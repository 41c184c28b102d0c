package dev.subprocess.processor;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The values of one {@code @Subprocess} annotation.
 *
 * @param mirror the annotation, for diagnostics that point at it
 * @param className the requested simple name of the generated class; empty for the default
 * @param classNameValue the {@code className} as written, when it is, for diagnostics
 * @param jvmOptions the options for the child JVM, in order
 */
record SubprocessAnnotation(
    AnnotationMirror mirror,
    String className,
    Optional<AnnotationValue> classNameValue,
    List<String> jvmOptions) {
  static final String NAME = "dev.subprocess.Subprocess";

  static SubprocessAnnotation of(ExecutableElement method, Elements elements) {
    AnnotationMirror mirror = method.getAnnotationMirrors().stream()
        .filter(SubprocessAnnotation::isSubprocess)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(method + " has no @Subprocess"));
    return new SubprocessAnnotation(
        mirror,
        (String) value(elements, mirror, "className").getValue(),
        explicitValue(mirror, "className"),
        jvmOptions(value(elements, mirror, "jvmOptions")));
  }

  private static boolean isSubprocess(AnnotationMirror annotation) {
    return ((TypeElement) annotation.getAnnotationType().asElement())
        .getQualifiedName()
        .contentEquals(NAME);
  }

  private static AnnotationValue value(Elements elements, AnnotationMirror mirror, String name) {
    return elements.getElementValuesWithDefaults(mirror).entrySet().stream()
        .filter(entry -> entry.getKey().getSimpleName().contentEquals(name))
        .map(entry -> entry.getValue())
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("@Subprocess has no " + name));
  }

  private static Optional<AnnotationValue> explicitValue(AnnotationMirror mirror, String name) {
    return mirror.getElementValues().entrySet().stream()
        .filter(entry -> entry.getKey().getSimpleName().contentEquals(name))
        .map(entry -> (AnnotationValue) entry.getValue())
        .findFirst();
  }

  private static List<String> jvmOptions(AnnotationValue value) {
    // An array-valued element's value is a list of values (AnnotationValue's javadoc).
    @SuppressWarnings("unchecked")
    List<? extends AnnotationValue> options = (List<? extends AnnotationValue>) value.getValue();
    return options.stream().map(option -> (String) option.getValue()).toList();
  }
}
