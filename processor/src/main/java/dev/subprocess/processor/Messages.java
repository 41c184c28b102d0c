package dev.subprocess.processor;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * Every diagnostic the processor reports, each saying the rule and then the fix. Tests build their
 * expected texts with the same methods.
 */
final class Messages {
  static final String TRANSFERABLE_TYPES =
      "primitives and their boxes, String, enums, records of transferable components, arrays,"
          + " List, Set, Map, Optional, BigInteger, BigDecimal, UUID, Instant, Duration, LocalDate,"
          + " LocalDateTime, Queue and Connection";

  private Messages() {}

  static String notStaticNorRecordMethod(String method) {
    return "@Subprocess methods must be static or belong to a record; make " + method + "() static";
  }

  static String privateMethod(String method) {
    return "@Subprocess methods must not be private, since the generated classes call them; make "
        + method + "() package-private";
  }

  static String innerClass(String type) {
    return "@Subprocess methods must be declared in a top-level or static nested type, and " + type
        + " is an inner class; make " + type + " static";
  }

  static String localClass(String method) {
    return "@Subprocess methods must be declared in a top-level or static nested type, not in a"
        + " local or anonymous class; move " + method + "() to a top-level or static nested type";
  }

  static String privateEnclosingType(String type) {
    return "@Subprocess methods must be reachable from the generated classes, and " + type
        + " is private; make " + type + " package-private";
  }

  static String genericMethod(String method) {
    return "@Subprocess methods must not be generic; remove the type parameters of " + method
        + "() and use concrete types";
  }

  static String genericRecord(String method, String record, String example) {
    return "@Subprocess instance methods must belong to a record without type parameters, and "
        + record + " has some; make " + method + "() static and take the record as a parameter"
        + " of a concrete type, such as " + example;
  }

  static String invalidClassName(String className, String example) {
    return "@Subprocess className must be a valid Java identifier, and \"" + className
        + "\" is not; use a simple class name such as " + example;
  }

  static String typeExists(String method, String generated) {
    return "@Subprocess method " + method + "() would generate " + generated
        + ", but a type of that name exists already; name the generated class with"
        + " @Subprocess(className = \"...\")";
  }

  static String nameCollision(String method, String generated, List<String> others) {
    return "@Subprocess method " + method + " would generate " + generated + ", as would "
        + String.join(" and ", others) + "; give each of them a distinct"
        + " @Subprocess(className = \"...\")";
  }

  static String parameterHidesLauncher(String launcherClass) {
    return "@Subprocess parameters must not be named like the generated launcher class, which"
        + " they would hide in the generated code; rename parameter `" + launcherClass + "`";
  }

  static String parameterFault(String parameter, String type, TypeFault fault) {
    return fault("@Subprocess parameter `" + parameter + "`", "has type ", "has ", type, fault);
  }

  static String returnFault(String method, String type, TypeFault fault) {
    return fault("@Subprocess method " + method + "()", "returns ", "returns ", type, fault);
  }

  static String receiverFault(String method, String record, TypeFault fault) {
    return fault("@Subprocess method " + method + "()", "belongs to record ", "", record, fault);
  }

  static String undefinedType(String method, String type) {
    return "@Subprocess method " + method + "() refers to " + type + ", which is not defined;"
        + " define it, or make sure the annotation processor that generates it runs";
  }

  static String internalError(String method, Throwable failure) {
    StringWriter stackTrace = new StringWriter();
    failure.printStackTrace(new PrintWriter(stackTrace));
    return internalErrorHeadline(method) + stackTrace;
  }

  /** The first line of {@link #internalError}, before the stack trace. */
  static String internalErrorHeadline(String method) {
    return "@Subprocess processor failed on " + method + ", which is a bug in the processor;"
        + " please report it with this stack trace:\n";
  }

  /**
   * "subject verb type, which is not transferable; fix" when the fault is the type itself, else
   * "subject verb type, which is not transferable: where-in-it verb inner-type ...; fix".
   */
  private static String fault(
      String subject, String verb, String describedVerb, String type, TypeFault fault) {
    if (fault.slot().isWhole()) {
      return subject + " " + what(fault, verb, describedVerb) + "; " + fix(fault);
    }
    boolean unnamable =
        fault.kind() == TypeFault.Kind.PRIVATE || fault.kind() == TypeFault.Kind.NOT_PUBLIC;
    return subject + " " + verb + type
        + (unnamable ? ", which the generated code cannot name: " : ", which is not transferable: ")
        + where(fault) + "; " + fix(fault);
  }

  /** Where in the type the fault is, then what: "component `owner` of record Order has ...". */
  private static String where(TypeFault fault) {
    TypeFault.Slot slot = fault.slot();
    return switch (slot.place()) {
      case COMPONENT -> "component `" + slot.name() + "` of record " + slot.owner() + " "
          + what(fault, "has type ", "has ");
      case ELEMENT -> "the element type of " + slot.owner() + " " + what(fault, "is ", "is ");
      case KEY -> "the key type of " + slot.owner() + " " + what(fault, "is ", "is ");
      case VALUE -> "the value type of " + slot.owner() + " " + what(fault, "is ", "is ");
      case TYPE_ARGUMENT -> "a type argument of " + slot.owner() + " " + what(fault, "is ", "is ");
      case WHOLE -> throw new IllegalArgumentException("the fault is not inside the type");
    };
  }

  private static String what(TypeFault fault, String verb, String describedVerb) {
    String type = fault.type();
    return switch (fault.kind()) {
      case NOT_TRANSFERABLE -> verb + type + ", which is not transferable";
      case RAW -> describedVerb + "the raw type " + type;
      case WILDCARD -> describedVerb + "the wildcard " + type;
      case TYPE_VARIABLE -> describedVerb + "the type variable " + type;
      case PRIVATE -> verb + type + ", which the generated code cannot access because "
          + fault.detail() + " is private";
      case NOT_PUBLIC -> verb + type + ", which the generated code cannot access because "
          + fault.detail() + " is not public";
      case UNDEFINED -> verb + type + ", which is not defined";
    };
  }

  private static String fix(TypeFault fault) {
    return switch (fault.kind()) {
      case NOT_TRANSFERABLE -> "use a transferable type: " + TRANSFERABLE_TYPES;
      case RAW -> "give it type arguments, such as " + fault.detail();
      case WILDCARD -> fault.detail().isEmpty()
          ? "replace the wildcard with a concrete type"
          : "replace the wildcard with a concrete type, such as " + fault.detail();
      case TYPE_VARIABLE -> "use a concrete type";
      case PRIVATE -> "make " + fault.detail() + " package-private";
      case NOT_PUBLIC -> "make " + fault.detail() + " public";
      case UNDEFINED -> "define it";
    };
  }
}
