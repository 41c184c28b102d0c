package dev.subprocess.processor;

import static dev.subprocess.processor.TypeFault.Kind.NOT_PUBLIC;
import static dev.subprocess.processor.TypeFault.Kind.NOT_TRANSFERABLE;
import static dev.subprocess.processor.TypeFault.Kind.PRIVATE;
import static dev.subprocess.processor.TypeFault.Kind.RAW;
import static dev.subprocess.processor.TypeFault.Kind.TYPE_VARIABLE;
import static dev.subprocess.processor.TypeFault.Kind.UNDEFINED;
import static dev.subprocess.processor.TypeFault.Kind.WILDCARD;
import static dev.subprocess.processor.TypeFault.Slot.Place.ELEMENT;
import static dev.subprocess.processor.TypeFault.Slot.Place.KEY;
import static dev.subprocess.processor.TypeFault.Slot.Place.TYPE_ARGUMENT;
import static dev.subprocess.processor.TypeFault.Slot.Place.VALUE;

import dev.subprocess.processor.TypeFault.Slot;
import dev.subprocess.processor.TypeFault.Slot.Place;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Which types can travel between processes, as the javadoc of {@code dev.subprocess.Process} lists
 * them, and whether the generated code, which lives in the method's package, can name them.
 */
final class TransferableTypes {
  private static final Set<String> VALUE_TYPES =
      Set.of(
          "java.lang.Boolean",
          "java.lang.Byte",
          "java.lang.Short",
          "java.lang.Character",
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Float",
          "java.lang.Double",
          "java.lang.String",
          "java.math.BigInteger",
          "java.math.BigDecimal",
          "java.util.UUID",
          "java.time.Instant",
          "java.time.Duration",
          "java.time.LocalDate",
          "java.time.LocalDateTime");

  /** Generic types that transfer when their type arguments do: what each argument is. */
  private static final Map<String, List<Place>> CONTAINERS =
      Map.of(
          "java.util.List", List.of(ELEMENT),
          "java.util.Set", List.of(ELEMENT),
          "java.util.Optional", List.of(ELEMENT),
          "java.util.Map", List.of(KEY, VALUE),
          // The runtime's handles, which may not be compiled yet: known by name only.
          "dev.subprocess.Queue", List.of(ELEMENT),
          "dev.subprocess.Connection", List.of(ELEMENT));

  private final Types types;
  private final Elements elements;

  TransferableTypes(Types types, Elements elements) {
    this.types = types;
    this.elements = elements;
  }

  /**
   * What is wrong with {@code type}, in the order found, for code generated in {@code
   * packageName}; empty when the type transfers and the generated code can name it.
   */
  List<TypeFault> faults(TypeMirror type, String packageName) {
    Walk walk = new Walk(packageName);
    walk.type(type, Slot.WHOLE, true);
    return walk.faults;
  }

  /** One depth-first pass over a type, its type arguments and its records' components. */
  private final class Walk {
    private final String packageName;
    private final List<TypeFault> faults = new ArrayList<>();
    /**
     * Records whose components were walked, by declaration rather than by type: {@code Node<T>}
     * holding a {@code Node<List<T>>} is a new type at each level, and would never end the walk.
     * Walking a generic record's components once is enough, since its other uses differ only in
     * their type arguments, and those are walked at each use.
     */
    private final Set<TypeElement> records = new HashSet<>();

    Walk(String packageName) {
      this.packageName = packageName;
    }

    /**
     * @param named whether the generated code writes this type (it does for the signature, not
     *     for the components of a record)
     */
    void type(TypeMirror type, Slot slot, boolean named) {
      switch (type.getKind()) {
        case BOOLEAN, BYTE, SHORT, CHAR, INT, LONG, FLOAT, DOUBLE -> {}
        case ARRAY -> type(
            ((ArrayType) type).getComponentType(), Slot.inside(ELEMENT, display(type)), named);
        case DECLARED -> declared((DeclaredType) type, slot, named);
        case TYPEVAR -> fault(TYPE_VARIABLE, slot, type);
        case WILDCARD -> faults.add(new TypeFault(WILDCARD, slot, display(type), bound(type)));
        case ERROR -> fault(UNDEFINED, slot, type);
        default -> fault(NOT_TRANSFERABLE, slot, type);
      }
    }

    private void declared(DeclaredType type, Slot slot, boolean named) {
      TypeElement element = (TypeElement) type.asElement();
      if (named && !reachable(element, slot, type)) {
        return;
      }
      String name = element.getQualifiedName().toString();
      if (VALUE_TYPES.contains(name) || element.getKind() == ElementKind.ENUM) {
        return;
      }
      List<Place> places = CONTAINERS.get(name);
      if (places != null) {
        typeArguments(type, places, slot, named);
      } else if (element.getKind() == ElementKind.RECORD) {
        record(type, slot, named);
      } else {
        fault(NOT_TRANSFERABLE, slot, type);
      }
    }

    private void typeArguments(DeclaredType type, List<Place> places, Slot slot, boolean named) {
      List<? extends TypeMirror> arguments = type.getTypeArguments();
      if (arguments.isEmpty()) {
        faults.add(new TypeFault(RAW, slot, display(type), withStringArguments(type)));
        return;
      }
      for (int i = 0; i < arguments.size(); i++) {
        type(arguments.get(i), Slot.inside(places.get(i), display(type)), named);
      }
    }

    private void record(DeclaredType type, Slot slot, boolean named) {
      TypeElement record = (TypeElement) type.asElement();
      if (!record.getTypeParameters().isEmpty()) {
        if (type.getTypeArguments().isEmpty()) {
          faults.add(new TypeFault(RAW, slot, display(type), withStringArguments(type)));
          return;
        }
        for (TypeMirror argument : type.getTypeArguments()) {
          type(argument, Slot.inside(TYPE_ARGUMENT, display(type)), named);
        }
      }
      if (!records.add(record)) {
        return;
      }
      for (RecordComponentElement component : record.getRecordComponents()) {
        type(
            types.asMemberOf(type, component),
            Slot.component(component.getSimpleName().toString(), display(type)),
            false);
      }
    }

    /** Whether generated code in the package can name the type; if not, says why. */
    private boolean reachable(TypeElement type, Slot slot, DeclaredType mirror) {
      for (Element e = type; e.getKind().isClass() || e.getKind().isInterface();
          e = e.getEnclosingElement()) {
        String name = e.getSimpleName().toString();
        if (e.getModifiers().contains(Modifier.PRIVATE)) {
          faults.add(new TypeFault(PRIVATE, slot, display(mirror), name));
          return false;
        }
        if (!e.getModifiers().contains(Modifier.PUBLIC)
            && !elements.getPackageOf(e).getQualifiedName().contentEquals(packageName)) {
          faults.add(new TypeFault(NOT_PUBLIC, slot, display(mirror), name));
          return false;
        }
      }
      return true;
    }

    private void fault(TypeFault.Kind kind, Slot slot, TypeMirror type) {
      faults.add(new TypeFault(kind, slot, display(type), ""));
    }
  }

  private static String display(TypeMirror type) {
    return TypeDisplay.of(type);
  }

  /** {@code Number} for {@code ? extends Number} or {@code ? super Number}; empty for {@code ?}. */
  private static String bound(TypeMirror type) {
    WildcardType wildcard = (WildcardType) type;
    TypeMirror bound = wildcard.getExtendsBound() != null
        ? wildcard.getExtendsBound()
        : wildcard.getSuperBound();
    return bound == null ? "" : display(bound);
  }

  /** {@code List<String>}, {@code Map<String, String>}: what a raw type could have been. */
  static String withStringArguments(DeclaredType type) {
    TypeElement element = (TypeElement) type.asElement();
    return element.getTypeParameters().stream()
        .map(parameter -> "String")
        .collect(Collectors.joining(", ", element.getSimpleName() + "<", ">"));
  }
}
