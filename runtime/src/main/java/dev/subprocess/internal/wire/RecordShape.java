package dev.subprocess.internal.wire;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * What writing and reading a record class needs, found once per class: whether it is
 * transferable, and if so its components' names, accessors and types and its canonical
 * constructor, made accessible when the record is not public.
 */
final class RecordShape {
  private static final ClassValue<RecordShape> SHAPES =
      new ClassValue<RecordShape>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
          return new RecordShape(type);
        }
      };

  private final Class<?> type;
  private final String problem;
  private final String[] names;
  private final Method[] accessors;
  /** The components' erased types, boxed: what a decoded component must be an instance of. */
  private final Class<?>[] types;
  private final boolean[] primitive;
  private final Constructor<?> constructor;

  private RecordShape(Class<?> type) {
    this.type = type;
    String problem;
    RecordComponent[] components = new RecordComponent[0];
    Constructor<?> constructor = null;
    try {
      problem = Transferability.recordProblem(type);
      components = type.getRecordComponents();
      Class<?>[] parameterTypes = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        parameterTypes[i] = components[i].getType();
      }
      constructor = type.getDeclaredConstructor(parameterTypes);
      if (problem == null && !constructor.trySetAccessible()) {
        problem = "its package " + type.getPackageName() + " is not open to the runtime ("
            + getClass().getModule() + ")";
      }
    } catch (NoSuchMethodException | RuntimeException | LinkageError e) {
      problem = "its components cannot be inspected: " + e; // a class missing from the path
    }
    this.problem = problem;
    this.constructor = constructor;
    int n = components.length;
    names = new String[n];
    accessors = new Method[n];
    types = new Class<?>[n];
    primitive = new boolean[n];
    for (int i = 0; i < n && problem == null; i++) {
      names[i] = components[i].getName();
      accessors[i] = components[i].getAccessor();
      accessors[i].trySetAccessible(); // else invoke() checks access on every call
      primitive[i] = components[i].getType().isPrimitive();
      types[i] = primitive[i] ? box(components[i].getType()) : components[i].getType();
    }
  }

  /** The shape of a record class. */
  static RecordShape of(Class<?> recordType) {
    return SHAPES.get(recordType);
  }

  /** Null when the record is transferable, else why not. */
  String problem() {
    return problem;
  }

  int size() {
    return names.length;
  }

  String name(int i) {
    return names[i];
  }

  /** Component {@code i} of {@code record}; an accessor that throws is reported as such. */
  Object component(Object record, int i) {
    try {
      return accessors[i].invoke(record);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException(
          type.getName() + "." + names[i] + "() threw " + e.getCause(), e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalArgumentException(type.getName() + "." + names[i] + "() is not accessible",
          e);
    }
  }

  /** Whether {@code value} can be component {@code i}. */
  boolean accepts(int i, Object value) {
    return value == null ? !primitive[i] : types[i].isInstance(value);
  }

  /** A new record of these components, which {@link #accepts} has checked. */
  Object construct(Object[] components, int at) {
    try {
      return constructor.newInstance(components);
    } catch (InvocationTargetException e) {
      throw new MalformedMessageException(
          "the constructor of " + type.getName() + " refused the components: " + e.getCause(),
          at, e.getCause());
    } catch (ReflectiveOperationException | IllegalArgumentException | LinkageError e) {
      throw new MalformedMessageException(
          type.getName() + " cannot be constructed: " + e, at, e);
    }
  }

  private static Class<?> box(Class<?> primitive) {
    if (primitive == int.class) {
      return Integer.class;
    } else if (primitive == long.class) {
      return Long.class;
    } else if (primitive == double.class) {
      return Double.class;
    } else if (primitive == boolean.class) {
      return Boolean.class;
    } else if (primitive == byte.class) {
      return Byte.class;
    } else if (primitive == short.class) {
      return Short.class;
    } else if (primitive == char.class) {
      return Character.class;
    } else {
      return Float.class;
    }
  }
}
