package dev.subprocess.processor;

/**
 * Why a type in a {@code @Subprocess} signature cannot be used, and where in the type the fault
 * is; {@link Messages} turns it into words.
 *
 * @param kind what is wrong
 * @param slot where it is: the type itself, or a component, element, key or value inside it
 * @param type the faulty type, as written in source
 * @param detail for {@link Kind#RAW}, an example with type arguments; for {@link Kind#WILDCARD},
 *     its bound if it has one; for {@link Kind#PRIVATE} and {@link Kind#NOT_PUBLIC}, the type that
 *     must change; else empty
 */
record TypeFault(Kind kind, Slot slot, String type, String detail) {
  enum Kind {
    NOT_TRANSFERABLE,
    RAW,
    WILDCARD,
    TYPE_VARIABLE,
    /** The generated code cannot name the type because it or a type enclosing it is private. */
    PRIVATE,
    /** The generated code cannot name the type because it is not public, in another package. */
    NOT_PUBLIC,
    /** Not complete yet: another processor may generate it in a later round. */
    UNDEFINED
  }

  /** A place inside a type. */
  record Slot(Place place, String name, String owner) {
    enum Place {
      /** The parameter's, return or receiver type itself. */
      WHOLE,
      COMPONENT,
      ELEMENT,
      KEY,
      VALUE,
      TYPE_ARGUMENT
    }

    static final Slot WHOLE = new Slot(Place.WHOLE, "", "");

    static Slot component(String name, String record) {
      return new Slot(Place.COMPONENT, name, record);
    }

    static Slot inside(Place place, String owner) {
      return new Slot(place, "", owner);
    }

    boolean isWhole() {
      return place == Place.WHOLE;
    }
  }
}
