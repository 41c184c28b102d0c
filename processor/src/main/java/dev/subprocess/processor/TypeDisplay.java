package dev.subprocess.processor;

import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/** Types as a person writes them in source: {@code Map<String, List<Order>>}, not qualified. */
final class TypeDisplay {
  private TypeDisplay() {}

  static String of(TypeMirror type) {
    return switch (type.getKind()) {
      case DECLARED -> declared((DeclaredType) type);
      case ARRAY -> of(((ArrayType) type).getComponentType()) + "[]";
      case WILDCARD -> wildcard((WildcardType) type);
      case TYPEVAR -> ((TypeVariable) type).asElement().getSimpleName().toString();
      // Primitives, void, and error types, which print the name as the source wrote it.
      default -> type.toString();
    };
  }

  /** {@code greet(String, int)}. */
  static String signature(ExecutableElement method) {
    return method.getParameters().stream()
        .map(parameter -> of(parameter.asType()))
        .collect(Collectors.joining(", ", method.getSimpleName() + "(", ")"));
  }

  private static String declared(DeclaredType type) {
    String name = type.asElement().getSimpleName().toString();
    if (type.getTypeArguments().isEmpty()) {
      return name;
    }
    return type.getTypeArguments().stream()
        .map(TypeDisplay::of)
        .collect(Collectors.joining(", ", name + "<", ">"));
  }

  private static String wildcard(WildcardType type) {
    if (type.getExtendsBound() != null) {
      return "? extends " + of(type.getExtendsBound());
    }
    if (type.getSuperBound() != null) {
      return "? super " + of(type.getSuperBound());
    }
    return "?";
  }
}
