package dev.subprocess.processor;

import static javax.lang.model.element.Modifier.STATIC;

import dev.subprocess.processor.SubprocessMethod.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Turns a valid {@code @Subprocess} method into the {@link SubprocessMethod} to generate. */
final class SubprocessMethodFactory {
  /**
   * Simple names by which the generated code may refer to the runtime's classes, to {@code
   * Generated} and to those of {@code java.lang}. A class of the same name in the package would
   * take their place, so then the generated code writes them qualified.
   */
  private static final List<String> REFERENCED_SIMPLE_NAMES =
      List.of(
          "Call", "Entry", "Launcher", "Process", "Task", "Generated",
          "Boolean", "Byte", "Character", "Class", "Double", "Exception", "Float", "Integer",
          "Long", "Object", "Override", "Short", "String", "SuppressWarnings", "Void");

  private static final Set<String> COMMAND_LINE_TYPES =
      Set.of(
          "java.lang.String",
          "java.lang.Boolean",
          "java.lang.Byte",
          "java.lang.Short",
          "java.lang.Character",
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Float",
          "java.lang.Double");

  private static final String GENERATED = "javax.annotation.processing.Generated";
  /** The modules that make {@code java.compiler}, where {@code Generated} lives, readable. */
  private static final Set<String> GENERATED_MODULES = Set.of("java.compiler", "java.se");

  private final Elements elements;
  private final Types types;
  private final NameClaims claims;

  SubprocessMethodFactory(Elements elements, Types types, NameClaims claims) {
    this.elements = elements;
    this.types = types;
    this.claims = claims;
  }

  SubprocessMethod create(ExecutableElement method, SubprocessAnnotation annotation) {
    GeneratedNames names = GeneratedNames.of(method, annotation, elements).orElseThrow();
    TypeElement declaringType = (TypeElement) method.getEnclosingElement();
    boolean hasReceiver = !method.getModifiers().contains(STATIC);
    List<Parameter> parameters = parameters(method, declaringType, hasReceiver);
    TypeMirror returnType = method.getReturnType();
    boolean returnsVoid = returnType.getKind() == TypeKind.VOID;
    return new SubprocessMethod(
        method,
        names,
        declaringType,
        method.getSimpleName().toString(),
        declaringType.getQualifiedName() + "." + TypeDisplay.signature(method),
        hasReceiver,
        parameters,
        returnsVoid ? elements.getTypeElement("java.lang.Void").asType() : boxed(returnType),
        types.erasure(returnType),
        returnsVoid,
        // A varargs parameter of a parameterized type would need @SafeVarargs, and its use in
        // task(...) would still warn: the generated methods take such an array as it is.
        method.isVarArgs() && !parameters.get(parameters.size() - 1).uncheckedCast(),
        !method.getThrownTypes().isEmpty(),
        parameters.stream().allMatch(parameter -> isCommandLineType(parameter.type())),
        annotation.jvmOptions(),
        namesToQualify(names),
        canAnnotateGenerated(method));
  }

  private List<Parameter> parameters(
      ExecutableElement method, TypeElement declaringType, boolean hasReceiver) {
    List<Parameter> parameters = new ArrayList<>();
    if (hasReceiver) {
      parameters.add(parameter(receiverName(declaringType, method), declaringType.asType()));
    }
    for (VariableElement parameter : method.getParameters()) {
      parameters.add(parameter(parameter.getSimpleName().toString(), parameter.asType()));
    }
    return List.copyOf(parameters);
  }

  private Parameter parameter(String name, TypeMirror type) {
    TypeMirror castType = boxed(type);
    return new Parameter(name, type, types.erasure(type), castType, isParameterized(castType));
  }

  /** The record decapitalized ({@code Sleeper} → {@code sleeper}), unless a parameter has it. */
  private static String receiverName(TypeElement record, ExecutableElement method) {
    String simpleName = record.getSimpleName().toString();
    String base = Character.toLowerCase(simpleName.charAt(0)) + simpleName.substring(1);
    Set<String> taken = method.getParameters().stream()
        .map(parameter -> parameter.getSimpleName().toString())
        .collect(Collectors.toSet());
    String name = base;
    for (int suffix = 2; taken.contains(name) || !SourceVersion.isName(name); suffix++) {
      name = base + suffix;
    }
    return name;
  }

  private TypeMirror boxed(TypeMirror type) {
    return type.getKind().isPrimitive()
        ? types.boxedClass((PrimitiveType) type).asType()
        : type;
  }

  private static boolean isParameterized(TypeMirror type) {
    return switch (type.getKind()) {
      case DECLARED -> !((DeclaredType) type).getTypeArguments().isEmpty();
      case ARRAY -> isParameterized(((ArrayType) type).getComponentType());
      default -> false;
    };
  }

  /** What the runtime's {@code Launcher} can convert a command-line argument to. */
  private static boolean isCommandLineType(TypeMirror type) {
    if (type.getKind().isPrimitive()) {
      return true;
    }
    if (!(type instanceof DeclaredType declared)) {
      return false;
    }
    TypeElement element = (TypeElement) declared.asElement();
    return element.getKind() == ElementKind.ENUM
        || COMMAND_LINE_TYPES.contains(element.getQualifiedName().toString());
  }

  /**
   * Whether {@code @Generated} resolves for the method's code: always in the unnamed module; in
   * a named one, when it requires {@code java.compiler}, directly or through {@code java.se}.
   */
  private boolean canAnnotateGenerated(ExecutableElement method) {
    if (elements.getTypeElement(GENERATED) == null) {
      return false;
    }
    ModuleElement module = elements.getModuleOf(method);
    return module == null
        || module.isUnnamed()
        || ElementFilter.requiresIn(module.getDirectives()).stream()
            .anyMatch(requires ->
                GENERATED_MODULES.contains(requires.getDependency().getQualifiedName().toString()));
  }

  private List<String> namesToQualify(GeneratedNames names) {
    return REFERENCED_SIMPLE_NAMES.stream()
        .filter(simpleName -> {
          String sameName = names.qualified(simpleName);
          return elements.getTypeElement(sameName) != null || claims.isClaimed(sameName);
        })
        .toList();
  }
}
