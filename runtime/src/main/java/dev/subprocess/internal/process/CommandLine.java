package dev.subprocess.internal.process;

import java.util.Arrays;
import java.util.List;

/**
 * Runs a target by hand: {@code java -cp app.jar com.acme.GreetProcessMain Ada 3}. Each argument
 * is converted to its parameter's type (String, a primitive or its box, or an enum constant's
 * name); the method's value, if any, is printed. Exit status: 0 when the method returned, 1 when it
 * threw, 2 with a usage line on standard error when the arguments don't fit.
 */
public final class CommandLine {
  static final int USAGE = 2;

  private CommandLine() {}

  /** Runs {@code target} with {@code args} converted, then exits this JVM with its status. */
  public static void run(Target<?> target, String[] args) {
    Object[] arguments;
    try {
      arguments = convert(target, args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(usage(target));
      System.exit(USAGE);
      return;
    }
    Object value;
    try {
      value = target.call(arguments);
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(1);
      return;
    }
    if (target.returnType() != void.class) {
      System.out.println(Arrays.deepToString(new Object[] {value}).replaceAll("^\\[|\\]$", ""));
    }
    System.exit(0);
  }

  static Object[] convert(Target<?> target, String[] args) {
    List<Class<?>> types = target.parameterTypes();
    for (int i = 0; i < types.size(); i++) {
      if (!fromText(types.get(i))) {
        throw new IllegalArgumentException(
            target.method() + " can't be run from a command line: its parameter "
                + target.parameterNames().get(i) + " is a " + types.get(i).getSimpleName());
      }
    }
    if (args.length != types.size()) {
      throw new IllegalArgumentException(
          target.method() + " takes " + types.size() + " argument" + (types.size() == 1 ? "" : "s")
              + ", not " + args.length);
    }
    Object[] arguments = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      arguments[i] = parse(types.get(i), args[i], target.parameterNames().get(i));
    }
    return arguments;
  }

  static String usage(Target<?> target) {
    StringBuilder usage = new StringBuilder("usage: java ").append(target.id());
    for (int i = 0; i < target.parameterTypes().size(); i++) {
      Class<?> type = target.parameterTypes().get(i);
      usage.append(" <").append(target.parameterNames().get(i)).append(':');
      usage.append(type.isEnum() ? String.join("|", constants(type)) : type.getSimpleName());
      usage.append('>');
    }
    return usage.toString();
  }

  private static boolean fromText(Class<?> type) {
    return type == String.class || type.isPrimitive() || type.isEnum() || box(type) != null;
  }

  private static Class<?> box(Class<?> type) {
    Class<?>[] boxes = {
      Boolean.class, Byte.class, Short.class, Character.class, Integer.class, Long.class,
      Float.class, Double.class
    };
    for (Class<?> box : boxes) {
      if (box == type) {
        return box;
      }
    }
    return null;
  }

  private static Object parse(Class<?> type, String text, String name) {
    try {
      if (type == String.class) {
        return text;
      } else if (type == int.class || type == Integer.class) {
        return Integer.valueOf(text);
      } else if (type == long.class || type == Long.class) {
        return Long.valueOf(text);
      } else if (type == double.class || type == Double.class) {
        return Double.valueOf(text);
      } else if (type == float.class || type == Float.class) {
        return Float.valueOf(text);
      } else if (type == short.class || type == Short.class) {
        return Short.valueOf(text);
      } else if (type == byte.class || type == Byte.class) {
        return Byte.valueOf(text);
      } else if (type == boolean.class || type == Boolean.class) {
        return parseBoolean(text);
      } else if (type == char.class || type == Character.class) {
        if (text.length() != 1) {
          throw new IllegalArgumentException();
        }
        return text.charAt(0);
      } else {
        return enumConstant(type, text);
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "argument " + name + ": \"" + text + "\" is not a " + describe(type));
    }
  }

  private static Boolean parseBoolean(String text) {
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.valueOf(text);
    }
    throw new IllegalArgumentException();
  }

  private static Object enumConstant(Class<?> type, String text) {
    for (Object constant : type.getEnumConstants()) {
      if (((Enum<?>) constant).name().equals(text)) {
        return constant;
      }
    }
    throw new IllegalArgumentException();
  }

  private static String describe(Class<?> type) {
    return type.isEnum()
        ? type.getSimpleName() + " (one of " + String.join(", ", constants(type)) + ")"
        : type.getSimpleName();
  }

  private static String[] constants(Class<?> type) {
    Object[] constants = type.getEnumConstants();
    String[] names = new String[constants.length];
    for (int i = 0; i < constants.length; i++) {
      names[i] = ((Enum<?>) constants[i]).name();
    }
    return names;
  }
}
