package dev.subprocess.processor;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.util.Elements;

/**
 * The names of the two classes generated for a method, top-level in the method's package: {@code
 * GreetProcess} and its launcher {@code GreetProcessMain}.
 */
record GeneratedNames(String packageName, String processClass, String launcherClass) {
  /** Identifiers that may not name a type, though they may name other things. */
  private static final Set<String> NOT_TYPE_NAMES =
      Set.of("var", "yield", "record", "sealed", "permits", "_");

  /** Empty when the annotation's {@code className} is not a valid name. */
  static Optional<GeneratedNames> of(
      ExecutableElement method, SubprocessAnnotation annotation, Elements elements) {
    String className =
        annotation.className().isEmpty() ? defaultClassName(method) : annotation.className();
    if (!isValidClassName(className)) {
      return Optional.empty();
    }
    String packageName = elements.getPackageOf(method).getQualifiedName().toString();
    return Optional.of(new GeneratedNames(packageName, className, className + "Main"));
  }

  /** {@code greet} → {@code GreetProcess}. */
  static String defaultClassName(ExecutableElement method) {
    String name = method.getSimpleName().toString();
    return Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Process";
  }

  static boolean isValidClassName(String name) {
    return SourceVersion.isIdentifier(name)
        && !SourceVersion.isKeyword(name)
        && !NOT_TYPE_NAMES.contains(name);
  }

  String qualifiedProcessClass() {
    return qualified(processClass);
  }

  String qualifiedLauncherClass() {
    return qualified(launcherClass);
  }

  /** Both qualified names, the process class first. */
  List<String> qualifiedNames() {
    return List.of(qualifiedProcessClass(), qualifiedLauncherClass());
  }

  /** A class of this name in the same package. */
  String qualified(String simpleName) {
    return packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
  }
}
