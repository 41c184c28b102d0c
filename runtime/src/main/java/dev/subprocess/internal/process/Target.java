package dev.subprocess.internal.process;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A method that a child JVM can run, as the processor saw it: what a parent needs to start it in a
 * child (its main class, its JVM options) and what the child needs to run it. Python's {@code
 * Process(target=...)}.
 *
 * <p>Every generated launcher class extends this class (through {@code
 * dev.subprocess.internal.Entry}) and holds its only instance. Creating a target registers it
 * under its launcher's binary name, which is how a JVM finds the method it is asked to run: by a
 * class the processor generated, never by reflection on a name that arrived from elsewhere.
 *
 * <p>Immutable, and safe for use by several threads.
 *
 * @param <R> the method's return type, boxed
 */
public abstract class Target<R> {
  /**
   * Resource folder in which the processor writes one empty file per generated launcher, named by
   * its binary name: the index of the methods a worker may run.
   */
  public static final String INDEX_DIRECTORY = "META-INF/dev.subprocess/entries/";

  private static final Map<String, Target<?>> REGISTERED = new ConcurrentHashMap<>();

  private final String method;
  private final List<String> parameterNames;
  private final List<Class<?>> parameterTypes;
  private final Class<?> returnType;
  private final List<String> jvmOptions;

  /**
   * @param method the method as a person names it, e.g. {@code com.acme.Owner.greet}
   * @param parameterNames the parameters' names; for a record's instance method the first one is
   *     the record itself
   * @param parameterTypes the parameters' erased types, in order
   * @param returnType the method's erased return type; {@code void.class} for a void method
   * @param jvmOptions the annotation's {@code jvmOptions}
   */
  protected Target(
      String method,
      String[] parameterNames,
      Class<?>[] parameterTypes,
      Class<?> returnType,
      String[] jvmOptions) {
    if (parameterNames.length != parameterTypes.length) {
      throw new IllegalArgumentException("parameterNames and parameterTypes differ in length");
    }
    this.method = method;
    this.parameterNames = List.of(parameterNames);
    this.parameterTypes = List.of(parameterTypes);
    this.returnType = returnType;
    this.jvmOptions = List.of(jvmOptions);
    REGISTERED.put(id(), this);
  }

  /** Runs the method in this JVM. {@code arguments} are of the parameter types, in order. */
  protected abstract R invoke(Object[] arguments) throws Exception;

  /** Runs the method in this JVM, with no check of the arguments beyond the generated casts. */
  public final R call(Object[] arguments) throws Exception {
    return invoke(arguments);
  }

  /** The launcher's binary name: the main class of a child that runs this method. */
  public final String id() {
    return getClass().getName();
  }

  public final String method() {
    return method;
  }

  public final List<String> parameterNames() {
    return parameterNames;
  }

  public final List<Class<?>> parameterTypes() {
    return parameterTypes;
  }

  public final Class<?> returnType() {
    return returnType;
  }

  public final List<String> jvmOptions() {
    return jvmOptions;
  }

  /** The target registered under a launcher's binary name, or null if its class is not loaded. */
  public static Target<?> registered(String id) {
    return REGISTERED.get(id);
  }

  @Override
  public String toString() {
    return method + Arrays.toString(parameterNames.toArray());
  }
}
