package dev.subprocess.internal.wire;

import java.util.Arrays;

/**
 * The registry of {@linkplain HandleType handle types}: tag to reader, class to writer.
 *
 * <p>Each handle type registers from its own class's static initializer. A JVM can read a handle
 * before any of its code has touched that class (a child reads its arguments before it runs
 * anything), so the first lookup that finds nothing initializes, once, the class named {@link
 * #REGISTRAR}: the runtime's API, whose initializer registers every handle type it declares. It
 * is named by string, so that this package depends on no other.
 *
 * <p>Thread-safe: registrations are published by copying arrays into volatile fields; lookups
 * take no lock.
 */
public final class HandleTypes {
  /** The first tag a handle type can have. */
  public static final int FIRST_TAG = 0x40;

  /** The last tag a handle type can have. */
  public static final int LAST_TAG = 0x5F;

  /** The class whose initialization registers the runtime's own handle types. */
  static final String REGISTRAR = "dev.subprocess.CodecTypes";

  private static final Object LOCK = new Object();
  private static volatile HandleType<?>[] byTag = new HandleType<?>[LAST_TAG - FIRST_TAG + 1];
  private static volatile HandleType<?>[] all = new HandleType<?>[0];
  private static volatile boolean registrarInitialized;

  private HandleTypes() {}

  /**
   * Registers {@code handleType}; registering the same one again does nothing.
   *
   * @throws IllegalStateException if another handle type has its tag or its class
   */
  public static void register(HandleType<?> handleType) {
    synchronized (LOCK) {
      HandleType<?> sameTag = byTag[handleType.tag() - FIRST_TAG];
      HandleType<?> sameClass = find(handleType.type());
      if (sameTag == handleType && sameClass == handleType) {
        return;
      }
      if (sameTag != null || sameClass != null) {
        HandleType<?> other = sameTag != null ? sameTag : sameClass;
        throw new IllegalStateException(
            "cannot register " + handleType.type().getName() + " as handle 0x"
                + Integer.toHexString(handleType.tag()) + ": " + other.type().getName()
                + " is registered as 0x" + Integer.toHexString(other.tag()));
      }
      HandleType<?>[] tags = byTag.clone();
      tags[handleType.tag() - FIRST_TAG] = handleType;
      HandleType<?>[] types = Arrays.copyOf(all, all.length + 1);
      types[all.length] = handleType;
      all = types;
      byTag = tags;
    }
  }

  /** Whether values of exactly class {@code type} travel as handles. */
  static boolean isHandleType(Class<?> type) {
    return of(type) != null;
  }

  /** The handle type of values of exactly class {@code type}, or null. */
  static HandleType<?> of(Class<?> type) {
    HandleType<?> handleType = find(type);
    if (handleType == null && initializeRegistrar()) {
      handleType = find(type);
    }
    return handleType;
  }

  /** The handle type of {@code tag}, or null. */
  static HandleType<?> ofTag(int tag) {
    HandleType<?> handleType = byTag[tag - FIRST_TAG];
    if (handleType == null && initializeRegistrar()) {
      handleType = byTag[tag - FIRST_TAG];
    }
    return handleType;
  }

  /** The simple names of the registered handle types, in the order they registered. */
  static String[] names() {
    initializeRegistrar();
    HandleType<?>[] types = all;
    String[] names = new String[types.length];
    for (int i = 0; i < types.length; i++) {
      names[i] = types[i].type().getSimpleName();
    }
    return names;
  }

  private static HandleType<?> find(Class<?> type) {
    for (HandleType<?> handleType : all) {
      if (handleType.type() == type) {
        return handleType;
      }
    }
    return null;
  }

  /**
   * Initializes the registrar, until that has been done once; true if this call did. A thread
   * that comes while another initializes it waits for the end, as class initialization does.
   */
  static boolean initializeRegistrar() {
    if (registrarInitialized) {
      return false;
    }
    try {
      // No lock held: the registrar's initializer registers, and may run on another thread.
      Class.forName(REGISTRAR, true, HandleTypes.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      // This codec without the API: only the handle types registered by hand.
    }
    registrarInitialized = true;
    return true;
  }
}
