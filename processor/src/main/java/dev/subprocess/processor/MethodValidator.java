package dev.subprocess.processor;

import static javax.lang.model.element.Modifier.PRIVATE;
import static javax.lang.model.element.Modifier.STATIC;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * The rules of a {@code @Subprocess} method, as the annotation's javadoc states them: each broken
 * rule is one error on the element at fault, the method or the one parameter.
 */
final class MethodValidator {
  private static final String PROCESS = "dev.subprocess.Process";
  private static final String ENTRY = "dev.subprocess.internal.Entry";

  private final Elements elements;
  private final TransferableTypes transferableTypes;
  private final NameClaims claims;

  MethodValidator(Elements elements, TransferableTypes transferableTypes, NameClaims claims) {
    this.elements = elements;
    this.transferableTypes = transferableTypes;
    this.claims = claims;
  }

  /**
   * The first type in the method's signature that is not defined yet, as written; the method
   * waits for a later round, in which another processor may have generated it.
   */
  Optional<String> undefinedType(ExecutableElement method) {
    List<TypeMirror> signature = new ArrayList<>();
    method.getParameters().forEach(parameter -> signature.add(parameter.asType()));
    signature.add(method.getReturnType());
    receiver(method).ifPresent(record -> signature.add(record.asType()));
    return signature.stream()
        .filter(type -> type.getKind() != TypeKind.VOID)
        .flatMap(type -> transferableTypes.faults(type, packageOf(method)).stream())
        .filter(fault -> fault.kind() == TypeFault.Kind.UNDEFINED)
        .map(TypeFault::type)
        .findFirst();
  }

  List<Diagnostic> validate(ExecutableElement method, SubprocessAnnotation annotation) {
    List<Diagnostic> errors = new ArrayList<>();
    checkModifiers(method, errors);
    checkDeclaringTypes(method, errors);
    checkParameters(method, errors);
    checkReturnType(method, errors);
    checkReceiver(method, errors);
    checkGeneratedNames(method, annotation, errors);
    return errors;
  }

  /** The record whose instance method this is, if it is one. */
  static Optional<TypeElement> receiver(ExecutableElement method) {
    Element type = method.getEnclosingElement();
    return method.getModifiers().contains(STATIC) || type.getKind() != ElementKind.RECORD
        ? Optional.empty()
        : Optional.of((TypeElement) type);
  }

  private void checkModifiers(ExecutableElement method, List<Diagnostic> errors) {
    String name = method.getSimpleName().toString();
    TypeElement type = (TypeElement) method.getEnclosingElement();
    if (method.getModifiers().contains(PRIVATE)) {
      errors.add(Diagnostic.on(method, Messages.privateMethod(name)));
    }
    if (!method.getModifiers().contains(STATIC)) {
      if (type.getKind() != ElementKind.RECORD) {
        errors.add(Diagnostic.on(method, Messages.notStaticNorRecordMethod(name)));
      } else if (!type.getTypeParameters().isEmpty()) {
        String record = type.getSimpleName().toString();
        String example = TransferableTypes.withStringArguments((DeclaredType) type.asType());
        errors.add(Diagnostic.on(method, Messages.genericRecord(name, record, example)));
      }
    }
    if (!method.getTypeParameters().isEmpty()) {
      errors.add(Diagnostic.on(method, Messages.genericMethod(name)));
    }
  }

  /** The generated classes, top-level in the package, must be able to name the declaring type. */
  private void checkDeclaringTypes(ExecutableElement method, List<Diagnostic> errors) {
    TypeElement declaringType = (TypeElement) method.getEnclosingElement();
    if (isInnerClass(declaringType)) {
      String name = declaringType.getSimpleName().toString();
      errors.add(Diagnostic.on(method, Messages.innerClass(name)));
    }
    for (Element e = declaringType; e instanceof TypeElement type; e = e.getEnclosingElement()) {
      // Unreachable with javac, which hides local and anonymous classes from processors.
      if (type.getNestingKind().isNested() && type.getNestingKind() != NestingKind.MEMBER) {
        String name = method.getSimpleName().toString();
        errors.add(Diagnostic.on(method, Messages.localClass(name)));
        return;
      }
      if (type.getModifiers().contains(PRIVATE)) {
        String name = type.getSimpleName().toString();
        errors.add(Diagnostic.on(method, Messages.privateEnclosingType(name)));
        return;
      }
    }
  }

  private static boolean isInnerClass(TypeElement type) {
    return type.getNestingKind() == NestingKind.MEMBER
        && type.getKind() == ElementKind.CLASS
        && !type.getModifiers().contains(STATIC);
  }

  private void checkParameters(ExecutableElement method, List<Diagnostic> errors) {
    for (VariableElement parameter : method.getParameters()) {
      firstFault(parameter.asType(), method).ifPresent(fault -> errors.add(Diagnostic.on(
          parameter,
          Messages.parameterFault(
              parameter.getSimpleName().toString(), TypeDisplay.of(parameter.asType()), fault))));
    }
  }

  private void checkReturnType(ExecutableElement method, List<Diagnostic> errors) {
    TypeMirror returnType = method.getReturnType();
    if (returnType.getKind() == TypeKind.VOID) {
      return;
    }
    firstFault(returnType, method).ifPresent(fault -> errors.add(Diagnostic.on(
        method,
        Messages.returnFault(
            method.getSimpleName().toString(), TypeDisplay.of(returnType), fault))));
  }

  /**
   * The record travels as the first argument, so its components must transfer. Whether the
   * generated code can name the record is a rule on declaring types, checked already.
   */
  private void checkReceiver(ExecutableElement method, List<Diagnostic> errors) {
    Optional<TypeElement> receiver = receiver(method);
    if (receiver.isEmpty() || !receiver.get().getTypeParameters().isEmpty()) {
      return;
    }
    TypeMirror record = receiver.get().asType();
    transferableTypes.faults(record, packageOf(method)).stream()
        .filter(fault -> !fault.slot().isWhole())
        .findFirst()
        .ifPresent(fault -> errors.add(Diagnostic.on(
            method,
            Messages.receiverFault(
                method.getSimpleName().toString(), TypeDisplay.of(record), fault))));
  }

  private void checkGeneratedNames(
      ExecutableElement method, SubprocessAnnotation annotation, List<Diagnostic> errors) {
    Optional<GeneratedNames> names = GeneratedNames.of(method, annotation, elements);
    if (names.isEmpty()) {
      String message = Messages.invalidClassName(
          annotation.className(), GeneratedNames.defaultClassName(method));
      errors.add(annotation.classNameValue()
          .map(value -> Diagnostic.onValue(method, annotation.mirror(), value, message))
          .orElseGet(() -> Diagnostic.on(method, message)));
      return;
    }
    // One error is enough: the launcher's name collides whenever the process class's does.
    collision(method, names.get().qualifiedProcessClass(), PROCESS)
        .or(() -> collision(method, names.get().qualifiedLauncherClass(), ENTRY))
        .ifPresent(errors::add);
    checkParameterNames(method, names.get().launcherClass(), errors);
  }

  /** The generated {@code task(...)} names the launcher class, which a parameter would hide. */
  private static void checkParameterNames(
      ExecutableElement method, String launcherClass, List<Diagnostic> errors) {
    for (VariableElement parameter : method.getParameters()) {
      if (parameter.getSimpleName().contentEquals(launcherClass)) {
        errors.add(Diagnostic.on(parameter, Messages.parameterHidesLauncher(launcherClass)));
      }
    }
  }

  private Optional<Diagnostic> collision(
      ExecutableElement method, String generated, String baseClass) {
    List<String> others = claims.othersClaiming(generated, method);
    if (!others.isEmpty()) {
      String signature = TypeDisplay.signature(method);
      return Optional.of(
          Diagnostic.on(method, Messages.nameCollision(signature, generated, others)));
    }
    TypeElement existing = elements.getTypeElement(generated);
    // A class that extends our base class is our own output of an earlier build, on the class
    // path of an incremental one: it will be replaced, it does not collide.
    if (existing != null && !extendsClass(existing, baseClass)) {
      String name = method.getSimpleName().toString();
      return Optional.of(Diagnostic.on(method, Messages.typeExists(name, generated)));
    }
    return Optional.empty();
  }

  private static boolean extendsClass(TypeElement type, String baseClass) {
    return type.getSuperclass() instanceof DeclaredType superclass
        && ((TypeElement) superclass.asElement()).getQualifiedName().contentEquals(baseClass);
  }

  private Optional<TypeFault> firstFault(TypeMirror type, ExecutableElement method) {
    return transferableTypes.faults(type, packageOf(method)).stream().findFirst();
  }

  private String packageOf(Element element) {
    return elements.getPackageOf(element).getQualifiedName().toString();
  }
}
