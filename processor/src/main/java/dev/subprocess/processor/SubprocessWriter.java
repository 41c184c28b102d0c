package dev.subprocess.processor;

import static javax.lang.model.element.Modifier.FINAL;
import static javax.lang.model.element.Modifier.PRIVATE;
import static javax.lang.model.element.Modifier.PROTECTED;
import static javax.lang.model.element.Modifier.PUBLIC;
import static javax.lang.model.element.Modifier.STATIC;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.subprocess.processor.SubprocessMethod.Parameter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.processing.Filer;
import javax.lang.model.type.ArrayType;
import javax.tools.StandardLocation;

/**
 * Writes, for one {@code @Subprocess} method, its process class, its launcher class and the
 * launcher's entry in the index that pool workers read. The only class that knows JavaPoet and
 * the {@link Filer}.
 */
final class SubprocessWriter {
  // The runtime's classes, by name: the processor does not depend on the runtime.
  private static final ClassName PROCESS = ClassName.get("dev.subprocess", "Process");
  private static final ClassName TASK = ClassName.get("dev.subprocess", "Task");
  private static final ClassName CALL = ClassName.get("dev.subprocess.internal", "Call");
  private static final ClassName ENTRY = ClassName.get("dev.subprocess.internal", "Entry");
  private static final ClassName LAUNCHER = ClassName.get("dev.subprocess.internal", "Launcher");
  /** {@code Entry.INDEX_DIRECTORY}. */
  private static final String INDEX_DIRECTORY = "META-INF/dev.subprocess/entries/";

  private static final ClassName GENERATED =
      ClassName.get("javax.annotation.processing", "Generated");
  private static final String ENTRY_FIELD = "ENTRY";
  private static final String ARGUMENTS = "arguments";

  private final Filer filer;

  SubprocessWriter(Filer filer) {
    this.filer = filer;
  }

  void write(SubprocessMethod method) throws IOException {
    writeJavaFile(method, processClass(method));
    writeJavaFile(method, launcherClass(method));
    writeIndexEntry(method);
  }

  private static TypeSpec processClass(SubprocessMethod method) {
    ClassName self = processClassName(method);
    return classBuilder(method, self)
        .addJavadoc("Runs {@code $L} in a child JVM; {@link $T} is its launcher.\n\n",
            call(method), launcherClassName(method))
        .addJavadoc(generatedFrom(method))
        .superclass(ParameterizedTypeName.get(PROCESS, resultType(method)))
        .addMethod(MethodSpec.constructorBuilder()
            .addJavadoc("A process that calls {@code $L} once started.\n", call(method))
            .addModifiers(PUBLIC)
            .addParameters(parameters(method))
            .varargs(method.varargs())
            .addStatement("super(task($L))", parameterNames(method))
            .build())
        .addMethod(MethodSpec.methodBuilder("task")
            .addJavadoc("{@code $L} as a task for a {@code Pool}.\n", call(method))
            .addModifiers(PUBLIC, STATIC)
            .returns(ParameterizedTypeName.get(TASK, resultType(method)))
            .addParameters(parameters(method))
            .varargs(method.varargs())
            .addStatement(
                "return new $T<>($T.$N$L)",
                CALL,
                launcherClassName(method),
                ENTRY_FIELD,
                callArguments(method))
            .build())
        .addMethod(chainingOverride(self, "start"))
        .addMethod(chainingOverride(self, "name", ParameterSpec.builder(String.class, "name")))
        .addMethod(chainingOverride(self, "daemon", ParameterSpec.builder(boolean.class, "daemon")))
        .build();
  }

  private static TypeSpec launcherClass(SubprocessMethod method) {
    ClassName self = launcherClassName(method);
    return classBuilder(method, self)
        .addJavadoc("The launcher of {@link $T}: the main class of the child JVM that runs\n"
            + "{@code $L}.\n\n", processClassName(method), call(method))
        .addJavadoc(generatedFrom(method))
        .superclass(ParameterizedTypeName.get(ENTRY, resultType(method)))
        .addField(FieldSpec.builder(self, ENTRY_FIELD, STATIC, FINAL)
            .initializer("new $T()", self)
            .build())
        .addMethod(MethodSpec.constructorBuilder()
            .addModifiers(PRIVATE)
            .addCode(entryDescription(method))
            .build())
        .addMethod(invokeMethod(method))
        .addMethod(mainMethod(method))
        .build();
  }

  private static TypeSpec.Builder classBuilder(SubprocessMethod method, ClassName name) {
    TypeSpec.Builder builder = TypeSpec.classBuilder(name)
        .addOriginatingElement(method.element())
        .alwaysQualify(method.namesToQualify().toArray(String[]::new))
        .addModifiers(PUBLIC, FINAL);
    if (method.annotateGenerated()) {
      builder.addAnnotation(AnnotationSpec.builder(GENERATED)
          .addMember("value", "$S", SubprocessProcessor.class.getName())
          .build());
    }
    return builder;
  }

  private static CodeBlock generatedFrom(SubprocessMethod method) {
    return CodeBlock.of(
        "<p>Generated by the {@code @Subprocess} annotation processor from\n{@code $L}.\n",
        method.declaration());
  }

  /**
   * {@code @Override public GreetProcess name(String name) { super.name(name); return this; }}:
   * a setter of {@code Process} that returns the generated type, for chaining.
   */
  private static MethodSpec chainingOverride(
      ClassName self, String name, ParameterSpec.Builder... parameters) {
    List<ParameterSpec> specs = Stream.of(parameters).map(ParameterSpec.Builder::build).toList();
    return MethodSpec.methodBuilder(name)
        .addAnnotation(Override.class)
        .addModifiers(PUBLIC)
        .returns(self)
        .addParameters(specs)
        .addStatement("super.$N($L)", name, specs.stream()
            .map(spec -> CodeBlock.of("$N", spec))
            .collect(CodeBlock.joining(", ")))
        .addStatement("return this")
        .build();
  }

  /** The arguments of {@code Entry}'s constructor: what the runtime knows of the method. */
  private static CodeBlock entryDescription(SubprocessMethod method) {
    CodeBlock names = method.parameters().stream()
        .map(parameter -> CodeBlock.of("$S", parameter.name()))
        .collect(CodeBlock.joining(",$W"));
    CodeBlock types = method.parameters().stream()
        .map(parameter -> CodeBlock.of("$T.class", TypeName.get(parameter.erasure())))
        .collect(CodeBlock.joining(",$W"));
    CodeBlock jvmOptions = method.jvmOptions().stream()
        .map(option -> CodeBlock.of("$S", option))
        .collect(CodeBlock.joining(",$W"));
    return CodeBlock.builder()
        .add("super(\n$>$>")
        .add("$S,\n", method.qualifiedMethodName())
        .add("new $T[] {$L},\n", String.class, names)
        .add("new $T<?>[] {$L},\n", Class.class, types)
        .add("$T.class,\n", TypeName.get(method.returnErasure()))
        .add("new $T[] {$L});\n$<$<", String.class, jvmOptions)
        .build();
  }

  private static MethodSpec invokeMethod(SubprocessMethod method) {
    MethodSpec.Builder invoke = MethodSpec.methodBuilder("invoke")
        .addAnnotation(Override.class)
        .addModifiers(PROTECTED)
        .returns(resultType(method))
        .addParameter(Object[].class, ARGUMENTS);
    if (method.parameters().stream().anyMatch(Parameter::uncheckedCast)) {
      // The generated code, too, says why it suppresses a warning.
      invoke.addJavadoc(
          "The casts to parameterized types cannot be checked at run time; the arguments are"
              + " those\nthat {@link $T} or its {@code task} was given, as these types.\n",
          processClassName(method));
      invoke.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
          .addMember("value", "$S", "unchecked")
          .build());
    }
    if (method.declaresExceptions()) {
      invoke.addException(Exception.class);
    }
    CodeBlock call = methodCall(method);
    if (method.returnsVoid()) {
      return invoke.addStatement("$L", call).addStatement("return null").build();
    }
    return invoke.addStatement("return $L", call).build();
  }

  /** {@code Owner.greet((String) arguments[0], (Integer) arguments[1])}. */
  private static CodeBlock methodCall(SubprocessMethod method) {
    List<CodeBlock> arguments = new ArrayList<>();
    for (int i = 0; i < method.parameters().size(); i++) {
      Parameter parameter = method.parameters().get(i);
      TypeName castType = TypeName.get(parameter.castType());
      arguments.add(CodeBlock.of("($T) $N[$L]", castType, ARGUMENTS, i));
    }
    CodeBlock target = method.hasReceiver()
        ? CodeBlock.of("($L)", arguments.remove(0))
        : CodeBlock.of("$T", ClassName.get(method.declaringType()));
    CodeBlock argumentList = CodeBlock.join(arguments, ",$W");
    return CodeBlock.of("$L.$N($L)", target, method.methodName(), argumentList);
  }

  private static MethodSpec mainMethod(SubprocessMethod method) {
    return MethodSpec.methodBuilder("main")
        .addJavadoc(mainJavadoc(method))
        .addModifiers(PUBLIC, STATIC)
        .addParameter(String[].class, "args")
        .addStatement("$T.main($N, args)", LAUNCHER, ENTRY_FIELD)
        .build();
  }

  private static CodeBlock mainJavadoc(SubprocessMethod method) {
    String methodName = calledMethod(method);
    if (!method.commandLineArguments()) {
      return CodeBlock.of(
          "Runs {@code $L} in the child JVM that {@link $T} starts.\nIts parameters cannot come"
              + " from a command line: started by hand, it prints its usage\nand exits with"
              + " status 2.\n",
          methodName,
          processClassName(method));
    }
    String usage = method.parameters().stream()
        .map(parameter -> " <" + parameter.name() + ">")
        .collect(Collectors.joining("", "java " + method.names().qualifiedLauncherClass(), ""));
    return CodeBlock.of(
        "Runs {@code $L} with arguments from the command line$L:\n\n<pre>{@code $L}</pre>\n",
        methodName,
        method.returnsVoid() ? "" : " and prints its result",
        usage);
  }

  private void writeJavaFile(SubprocessMethod method, TypeSpec type) throws IOException {
    JavaFile.builder(method.names().packageName(), type)
        .skipJavaLangImports(true)
        .build()
        .writeTo(filer);
  }

  /** An empty resource whose name lists the launcher as a method a pool worker may run. */
  private void writeIndexEntry(SubprocessMethod method) throws IOException {
    String name = INDEX_DIRECTORY + method.names().qualifiedLauncherClass();
    filer.createResource(StandardLocation.CLASS_OUTPUT, "", name, method.element())
        .openOutputStream()
        .close();
  }

  private static ClassName processClassName(SubprocessMethod method) {
    return ClassName.get(method.names().packageName(), method.names().processClass());
  }

  private static ClassName launcherClassName(SubprocessMethod method) {
    return ClassName.get(method.names().packageName(), method.names().launcherClass());
  }

  private static TypeName resultType(SubprocessMethod method) {
    return TypeName.get(method.resultType());
  }

  private static List<ParameterSpec> parameters(SubprocessMethod method) {
    return method.parameters().stream()
        .map(parameter -> ParameterSpec.builder(TypeName.get(parameter.type()), parameter.name())
            .build())
        .toList();
  }

  private static String parameterNames(SubprocessMethod method) {
    return method.parameters().stream().map(Parameter::name).collect(Collectors.joining(", "));
  }

  /**
   * {@code , name, times}: the arguments of {@code new Call<>(ENTRY, ...)} after the entry. A lone
   * array of objects is cast, or the varargs call would spread it into its elements.
   */
  private static CodeBlock callArguments(SubprocessMethod method) {
    List<Parameter> parameters = method.parameters();
    if (parameters.size() == 1 && isArrayOfObjects(parameters.get(0))) {
      return CodeBlock.of(", ($T) $N", Object.class, parameters.get(0).name());
    }
    return parameters.stream()
        .map(parameter -> CodeBlock.of(", $N", parameter.name()))
        .collect(CodeBlock.joining(""));
  }

  private static boolean isArrayOfObjects(Parameter parameter) {
    return parameter.type() instanceof ArrayType array
        && !array.getComponentType().getKind().isPrimitive();
  }

  /** {@code Owner.greet(name, times)}, or {@code sleeper.sleep()}: the call, in words. */
  private static String call(SubprocessMethod method) {
    return calledMethod(method) + method.methodParameters().stream()
        .map(Parameter::name)
        .collect(Collectors.joining(", ", "(", ")"));
  }

  /** {@code Owner.greet}, or {@code sleeper.sleep}. */
  private static String calledMethod(SubprocessMethod method) {
    String target = method.hasReceiver()
        ? method.parameters().get(0).name()
        : String.join(".", ClassName.get(method.declaringType()).simpleNames());
    return target + "." + method.methodName();
  }
}
