package dev.subprocess.internal.wire;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.CodeSource;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which types are transferable, and the loading of classes named in a message.
 *
 * <p>A record is transferable when the declared (generic) type of each component is: a primitive,
 * a box, String, an enum, a transferable record, an array of a transferable type, {@code List},
 * {@code Set}, {@code Optional}, {@code Map} or {@linkplain HandleTypes handle type} whose type
 * arguments are transferable, one of the value classes ({@code BigInteger} ... {@code
 * LocalDateTime}), or a type variable of the record (the use site, {@code Pair<String, Integer>},
 * gives it a type; the values are checked when written). {@code Object}, a wildcard, a raw
 * collection, an interface or a concrete collection class is not.
 *
 * <p>Arrays carry only their runtime class: an array class is transferable when its element class
 * is a primitive, a value class, an enum, a transferable record, or one of the interfaces {@code
 * List}, {@code Set}, {@code Map}, {@code Optional}, or a handle type.
 *
 * <p>A class named in a message is looked up only if a program could declare it transferable:
 * it is refused when it is in a package that its module neither exports nor opens to this
 * runtime (the JDK's internals, {@code sun.*}, {@code jdk.internal.*}), or when it is one of this runtime's own internal
 * classes (a class of the runtime's code source in a package under {@code
 * dev.subprocess.internal}). Those checks come before the class is initialized.
 */
final class Transferability {
  private static final String TRANSFERABLE =
      "transferable are primitives and their boxes, String, enums, records of transferable"
          + " components, arrays, List, Set, Map, Optional, byte[], BigInteger, BigDecimal, UUID,"
          + " Instant, Duration, LocalDate, LocalDateTime";

  /** The packages of this runtime's internals: this package's parent and all under it. */
  private static final String INTERNAL_PACKAGES =
      Transferability.class.getPackageName()
          .substring(0, Transferability.class.getPackageName().lastIndexOf('.'));

  /** The JVM limit on array dimensions. */
  private static final int MAX_DIMENSIONS = 255;

  /**
   * What {@link Class#forName} found by the system class loader, the common case, and what {@link
   * #arrayComponent} made of a descriptor: looking a name up costs more than the rest of decoding
   * a small record does. Only names that exist are kept, and the system class loader never
   * unloads a class, so the maps cannot grow beyond the class path nor pin anything.
   */
  private static final ConcurrentHashMap<String, Class<?>> SYSTEM_CLASSES =
      new ConcurrentHashMap<>();

  private static final ConcurrentHashMap<String, Class<?>> SYSTEM_ARRAY_COMPONENTS =
      new ConcurrentHashMap<>();

  private Transferability() {}

  /** What is transferable, as an exception's message says it: the registered handles last. */
  static String transferable() {
    StringBuilder text = new StringBuilder(TRANSFERABLE);
    for (String handle : HandleTypes.names()) {
      text.append(", ").append(handle);
    }
    int last = text.lastIndexOf(", ");
    return text.replace(last, last + 2, " and ").toString();
  }

  /** Null when {@code record}'s components are transferable, else which component is not. */
  static String recordProblem(Class<?> record) {
    return recordProblem(record, new HashSet<Class<?>>());
  }

  /**
   * Null when arrays of the element class of {@code arrayType} are transferable, "" when that
   * class is not, or what is wrong with it when it is a record.
   */
  static String arrayProblem(Class<?> arrayType) {
    Class<?> element = arrayType;
    while (element.isArray()) {
      element = element.getComponentType();
    }
    if (element.isPrimitive()
        || isValueClass(element)
        || element.isEnum()
        || isInterface(element)) {
      return null;
    }
    return element.isRecord() ? RecordShape.of(element).problem() : "";
  }

  /**
   * The class named {@code name}, loaded but not initialized, by the thread's context class
   * loader or else the system class loader.
   */
  static Class<?> load(String name, int at) {
    ClassLoader loader = contextLoader();
    boolean cached = loader == ClassLoader.getSystemClassLoader();
    Class<?> type = cached ? SYSTEM_CLASSES.get(name) : null;
    if (type == null) {
      try {
        type = Class.forName(name, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        throw new MalformedMessageException("no class " + shorten(name) + " can be loaded", at, e);
      }
      String problem = foreignProblem(type);
      if (problem != null) {
        throw new MalformedMessageException(type.getName() + " is refused: " + problem, at);
      }
      if (cached) {
        SYSTEM_CLASSES.put(name, type);
      }
    }
    return type;
  }

  /**
   * The component type of the array class named {@code descriptor} ({@link Class#getName()}:
   * {@code "[Ljava.lang.String;"}, {@code "[[I"}), which must be an array of references whose
   * element class is transferable.
   */
  static Class<?> arrayComponent(String descriptor, int at) {
    boolean cached = contextLoader() == ClassLoader.getSystemClassLoader();
    Class<?> component = cached ? SYSTEM_ARRAY_COMPONENTS.get(descriptor) : null;
    if (component == null) {
      component = resolveArrayComponent(descriptor, at);
      if (cached) {
        SYSTEM_ARRAY_COMPONENTS.put(descriptor, component);
      }
    }
    return component;
  }

  private static Class<?> resolveArrayComponent(String descriptor, int at) {
    int dimensions = 0;
    while (dimensions < descriptor.length() && descriptor.charAt(dimensions) == '[') {
      dimensions++;
    }
    int length = descriptor.length() - dimensions;
    Class<?> type;
    if (length == 1 && dimensions >= 2) {
      type = primitive(descriptor.charAt(dimensions));
    } else if (length > 2
        && descriptor.charAt(dimensions) == 'L'
        && descriptor.charAt(dimensions + 1) != '['
        && descriptor.charAt(descriptor.length() - 1) == ';') {
      type = load(descriptor.substring(dimensions + 1, descriptor.length() - 1), at);
    } else {
      type = null;
    }
    if (type == null || dimensions == 0 || dimensions > MAX_DIMENSIONS) {
      throw new MalformedMessageException(
          shorten(descriptor) + " is not the name of an array of references", at);
    }
    String problem = arrayProblem(type);
    if (problem != null) {
      throw new MalformedMessageException(
          "array " + shorten(descriptor) + " is refused: " + (problem.isEmpty()
              ? type.getName() + " is not transferable" : problem), at);
    }
    for (int i = 1; i < dimensions; i++) {
      type = type.arrayType();
    }
    return type;
  }

  static boolean isValueClass(Class<?> type) {
    return type == String.class
        || type == Integer.class
        || type == Long.class
        || type == Double.class
        || type == Boolean.class
        || type == Byte.class
        || type == Short.class
        || type == Character.class
        || type == Float.class
        || type == BigInteger.class
        || type == BigDecimal.class
        || type == UUID.class
        || type == Instant.class
        || type == Duration.class
        || type == LocalDate.class
        || type == LocalDateTime.class;
  }

  /** A name from a message, cut short for an exception's message. */
  static String shorten(String name) {
    return name.length() <= 200 ? name : name.substring(0, 200) + "...";
  }

  private static ClassLoader contextLoader() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return loader != null ? loader : ClassLoader.getSystemClassLoader();
  }

  private static boolean isInterface(Class<?> type) {
    return type == List.class
        || type == Set.class
        || type == Map.class
        || type == Optional.class
        || HandleTypes.isHandleType(type);
  }

  /**
   * Null when a message may name {@code type}, else why not: no program can declare a class of a
   * package that its module neither exports nor opens to this runtime (the JDK's internals,
   * unless the command line exports them) as transferable, nor one of this runtime's internals.
   */
  private static String foreignProblem(Class<?> type) {
    Class<?> element = type;
    while (element.isArray()) {
      element = element.getComponentType();
    }
    if (element.isPrimitive()) {
      return null;
    }
    String packageName = element.getPackageName();
    Module module = element.getModule();
    Module self = Transferability.class.getModule();
    if (!module.isExported(packageName, self) && !module.isOpen(packageName, self)) {
      return "its package " + packageName + " is not exported by " + module;
    }
    if ((packageName.equals(INTERNAL_PACKAGES) || packageName.startsWith(INTERNAL_PACKAGES + "."))
        && sameCodeSource(element, Transferability.class)) {
      return "it is internal to the runtime";
    }
    return null;
  }

  private static boolean sameCodeSource(Class<?> a, Class<?> b) {
    CodeSource sourceA = a.getProtectionDomain().getCodeSource();
    CodeSource sourceB = b.getProtectionDomain().getCodeSource();
    return sourceA == null ? sourceB == null
        : sourceB != null && Objects.equals(sourceA.getLocation(), sourceB.getLocation());
  }

  private static String recordProblem(Class<?> record, Set<Class<?>> visiting) {
    if (!visiting.add(record)) {
      return null; // a recursive record, such as Node(List<Node> children): checked further out
    }
    if (record.isHidden()) {
      return record.getName() + " is a hidden class, which cannot be found by name";
    }
    for (RecordComponent component : record.getRecordComponents()) {
      Type type = component.getGenericType();
      String problem = typeProblem(type, visiting);
      if (problem != null) {
        return !problem.isEmpty() ? problem
            : "component " + component.getName() + " of " + record.getName() + " is a "
                + type.getTypeName();
      }
    }
    return null;
  }

  /** Null when {@code type} is transferable, "" when it is not, or a nested record's problem. */
  private static String typeProblem(Type type, Set<Class<?>> visiting) {
    if (type instanceof Class) {
      Class<?> c = (Class<?>) type;
      if (c.isArray()) {
        return typeProblem(c.getComponentType(), visiting);
      }
      if ((c.isPrimitive() && c != void.class) || isValueClass(c) || c.isEnum()) {
        return null;
      }
      if (c.isRecord()) {
        return recordProblem(c, visiting);
      }
      return HandleTypes.isHandleType(c) ? null : "";
    }
    if (type instanceof ParameterizedType) {
      Class<?> raw = (Class<?>) ((ParameterizedType) type).getRawType();
      if (!isInterface(raw) && !raw.isRecord()) {
        return "";
      }
      String problem = raw.isRecord() ? recordProblem(raw, visiting) : null;
      for (Type argument : ((ParameterizedType) type).getActualTypeArguments()) {
        if (problem == null) {
          problem = typeProblem(argument, visiting);
        }
      }
      return problem;
    }
    if (type instanceof GenericArrayType) {
      return typeProblem(((GenericArrayType) type).getGenericComponentType(), visiting);
    }
    if (type instanceof TypeVariable) {
      return null;
    }
    if (type instanceof WildcardType && ((WildcardType) type).getLowerBounds().length == 0) {
      Type bound = ((WildcardType) type).getUpperBounds()[0]; // "? extends X"; for "?", Object
      return bound == Object.class ? "" : typeProblem(bound, visiting);
    }
    return "";
  }

  private static Class<?> primitive(char descriptor) {
    switch (descriptor) {
      case 'Z':
        return boolean.class;
      case 'B':
        return byte.class;
      case 'S':
        return short.class;
      case 'C':
        return char.class;
      case 'I':
        return int.class;
      case 'J':
        return long.class;
      case 'F':
        return float.class;
      case 'D':
        return double.class;
      default:
        return null;
    }
  }
}
