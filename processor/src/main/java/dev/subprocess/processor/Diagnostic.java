package dev.subprocess.processor;

import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/** One error, on the element at fault or on one value of its annotation. */
record Diagnostic(
    String message,
    Element element,
    Optional<AnnotationMirror> annotation,
    Optional<AnnotationValue> value) {
  static Diagnostic on(Element element, String message) {
    return new Diagnostic(message, element, Optional.empty(), Optional.empty());
  }

  static Diagnostic onValue(
      Element element, AnnotationMirror annotation, AnnotationValue value, String message) {
    return new Diagnostic(message, element, Optional.of(annotation), Optional.of(value));
  }
}
