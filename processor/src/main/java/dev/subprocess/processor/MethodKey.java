package dev.subprocess.processor;

import java.util.Comparator;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * A method by name, to find it again in a later round: the type that declares it and its position
 * there. Unlike the method's signature, this does not change when a type it refers to gets
 * defined.
 */
record MethodKey(String type, int index) implements Comparable<MethodKey> {
  private static final Comparator<MethodKey> ORDER =
      Comparator.comparing(MethodKey::type).thenComparingInt(MethodKey::index);

  static MethodKey of(ExecutableElement method) {
    TypeElement type = (TypeElement) method.getEnclosingElement();
    return new MethodKey(
        type.getQualifiedName().toString(), type.getEnclosedElements().indexOf(method));
  }

  /** The method in this round, if its type still declares it. */
  Optional<ExecutableElement> find(Elements elements) {
    TypeElement declaringType = elements.getTypeElement(type);
    if (declaringType == null || index >= declaringType.getEnclosedElements().size()) {
      return Optional.empty();
    }
    Element member = declaringType.getEnclosedElements().get(index);
    return member.getKind() == ElementKind.METHOD
        ? Optional.of((ExecutableElement) member)
        : Optional.empty();
  }

  @Override
  public int compareTo(MethodKey other) {
    return ORDER.compare(this, other);
  }
}
