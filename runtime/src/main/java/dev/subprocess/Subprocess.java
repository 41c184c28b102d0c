package dev.subprocess;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that can run in a child JVM. For {@code static R greet(String name, int times)}
 * the annotation processor writes {@code GreetProcess extends Process<R>}, whose constructor takes
 * the method's arguments, and {@code GreetProcessMain}, the child's launcher.
 *
 * <p>The method is {@code static}, or an instance method of a record (the record then travels to
 * the child as the first argument); it is not {@code private} nor generic, it is declared in a
 * top-level or static nested type, and its parameter and return types are transferable (see
 * {@link Process}). The processor reports a compile error on the element at fault otherwise.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Subprocess {
  /** Simple name of the generated class. Default: the method's name, capitalized, + "Process". */
  String className() default "";

  /** Extra options for the child JVM, e.g. {@code {"-Xmx64m"}}. */
  String[] jvmOptions() default {};
}
