package dev.subprocess.processor;

import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * What to generate for one valid {@code @Subprocess} method.
 *
 * @param element the method: the originating element of every generated file
 * @param names the generated classes
 * @param declaringType the type that declares the method; for a record's instance method, the
 *     record, which is also the first parameter
 * @param methodName the method's simple name
 * @param declaration the method as the generated javadoc names it: {@code
 *     com.acme.Owner.greet(String, int)}
 * @param hasReceiver whether the method is a record's instance method
 * @param parameters the generated constructor's parameters: the receiver first if there is one,
 *     then the method's
 * @param resultType the type argument of {@code Process}: the return type boxed; {@code Void} for
 *     a void method
 * @param returnErasure the erased return type; {@code void} for a void method
 * @param returnsVoid whether the method is void
 * @param varargs whether the generated constructor and {@code task} take their last argument as
 *     varargs, as the method does
 * @param declaresExceptions whether the method declares any checked exception
 * @param commandLineArguments whether every argument can be converted from a command-line string
 * @param jvmOptions the annotation's options for the child JVM
 * @param namesToQualify simple names of the classes that the generated code must write qualified,
 *     because a class in the package has the same name
 * @param annotateGenerated whether the generated classes can be annotated with {@code
 *     javax.annotation.processing.Generated}: whether the method's module can read it
 */
record SubprocessMethod(
    ExecutableElement element,
    GeneratedNames names,
    TypeElement declaringType,
    String methodName,
    String declaration,
    boolean hasReceiver,
    List<Parameter> parameters,
    TypeMirror resultType,
    TypeMirror returnErasure,
    boolean returnsVoid,
    boolean varargs,
    boolean declaresExceptions,
    boolean commandLineArguments,
    List<String> jvmOptions,
    List<String> namesToQualify,
    boolean annotateGenerated) {

  /** The method as the runtime names it: {@code com.acme.Owner.greet}. */
  String qualifiedMethodName() {
    return declaringType.getQualifiedName() + "." + methodName;
  }

  /** The method's own parameters, without the receiver. */
  List<Parameter> methodParameters() {
    return hasReceiver ? parameters.subList(1, parameters.size()) : parameters;
  }

  /**
   * One parameter of the generated constructor.
   *
   * @param name its name, the method's parameter's
   * @param type its type, as declared
   * @param erasure its erased type, as the runtime sees it
   * @param castType what the launcher casts an {@code Object} argument to: the type, boxed
   * @param uncheckedCast whether that cast is to a parameterized type, which the compiler cannot
   *     check
   */
  record Parameter(
      String name,
      TypeMirror type,
      TypeMirror erasure,
      TypeMirror castType,
      boolean uncheckedCast) {}
}
