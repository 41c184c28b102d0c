package dev.subprocess.internal;

import dev.subprocess.internal.process.Target;

/**
 * The superclass of every generated launcher ({@code GreetProcessMain}): a {@link Target} under
 * the name generated code has always used. It adds nothing to it.
 *
 * @param <R> the method's return type, boxed
 */
// Target is how the runtime reads a method; generated code only extends Entry, so it stays unexported.
@SuppressWarnings("exports")
public abstract class Entry<R> extends Target<R> {
  /**
   * @param method the method as a person names it, e.g. {@code com.acme.Owner.greet}
   * @param parameterNames the parameters' names; for a record's instance method the first one is
   *     the record itself
   * @param parameterTypes the parameters' erased types, in order
   * @param returnType the method's erased return type; {@code void.class} for a void method
   * @param jvmOptions the annotation's {@code jvmOptions}
   */
  // The entry registers itself once set up: its subclasses, generated, add no state to it.
  @SuppressWarnings("this-escape")
  protected Entry(
      String method,
      String[] parameterNames,
      Class<?>[] parameterTypes,
      Class<?> returnType,
      String[] jvmOptions) {
    super(method, parameterNames, parameterTypes, returnType, jvmOptions);
  }

  /** The entry registered under a launcher's binary name, or null if its class is not loaded. */
  public static Entry<?> registered(String id) {
    Target<?> target = Target.registered(id);
    return target instanceof Entry ? (Entry<?>) target : null;
  }
}
