package dev.subprocess.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@code @Subprocess} method, as the processor saw it: what a parent needs to start it in a
 * child JVM and what the child needs to run it. Each generated launcher class ({@code
 * GreetProcessMain}) extends this class and holds its only instance.
 *
 * <p>Creating an entry registers it under its launcher's binary name, which is how a pool worker
 * finds the method a task names: by a class the processor generated and listed in {@link
 * #INDEX_DIRECTORY}, never by reflection on a name that arrived over the wire.
 *
 * @param <R> the method's return type, boxed
 */
public abstract class Entry<R> {
  /**
   * Resource folder in which the processor writes one empty file per generated launcher, named
   * by its binary name: the index of the methods a worker may run.
   */
  public static final String INDEX_DIRECTORY = "META-INF/dev.subprocess/entries/";

  private static final Map<String, Entry<?>> REGISTERED = new ConcurrentHashMap<>();

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
  // The entry registers itself once set up: its subclasses, generated, add no state to it.
  @SuppressWarnings("this-escape")
  protected Entry(
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

  /** The entry registered under a launcher's binary name, or null if its class is not loaded. */
  public static Entry<?> registered(String id) {
    return REGISTERED.get(id);
  }

  @Override
  public String toString() {
    return method + Arrays.toString(parameterNames.toArray());
  }
}
