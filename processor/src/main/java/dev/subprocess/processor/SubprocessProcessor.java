package dev.subprocess.processor;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic.Kind;

/**
 * Generates, for each {@code @Subprocess} method, a typed {@code Process} subclass and its
 * launcher, as the annotation's javadoc describes them, in three steps: {@link MethodValidator}
 * checks the method, {@link SubprocessMethodFactory} describes what to generate, {@link
 * SubprocessWriter} writes it. A method with any error gets no generated code.
 *
 * <p>A method whose signature refers to a type that does not exist yet waits for the next round,
 * since another processor may generate it; if it is still missing in the last round, that is an
 * error.
 */
@AutoService(Processor.class)
public final class SubprocessProcessor extends AbstractProcessor {
  private static final Comparator<ExecutableElement> SOURCE_INDEPENDENT_ORDER =
      Comparator.comparing(method -> MethodKey.of(method).type() + "." + method);

  private final NameClaims claims = new NameClaims();
  /** Methods waiting for a type to be defined, by name: elements do not outlive their round. */
  private final Set<MethodKey> deferred = new TreeSet<>();

  private Elements elements;
  private Messager messager;
  private MethodValidator validator;
  private SubprocessMethodFactory factory;
  private SubprocessWriter writer;

  @Override
  public synchronized void init(ProcessingEnvironment environment) {
    super.init(environment);
    elements = environment.getElementUtils();
    messager = environment.getMessager();
    TransferableTypes transferableTypes =
        new TransferableTypes(environment.getTypeUtils(), elements);
    validator = new MethodValidator(elements, transferableTypes, claims);
    factory = new SubprocessMethodFactory(elements, environment.getTypeUtils(), claims);
    writer = new SubprocessWriter(environment.getFiler());
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(SubprocessAnnotation.NAME);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  /**
   * Processes one round. Nothing is thrown from here: a failure on one method is an error on that
   * method (see {@link #forEachMethod}), and one outside any method an error on none.
   */
  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      List<ExecutableElement> methods = methodsToProcess(round);
      // Every method claims its names before any is checked, so that both sides of a collision
      // are reported.
      List<ExecutableElement> claimed = forEachMethod(methods, this::claimNames);
      forEachMethod(claimed, method -> processMethod(method, round.processingOver()));
    } catch (Throwable e) { // as in forEachMethod
      messager.printMessage(Kind.ERROR, Messages.internalError("this round's methods", e));
    }
    return false;
  }

  /** The methods annotated in this round's new sources, and those deferred from earlier rounds. */
  private List<ExecutableElement> methodsToProcess(RoundEnvironment round) {
    List<ExecutableElement> waiting =
        deferred.stream().map(key -> key.find(elements)).flatMap(Optional::stream).toList();
    deferred.clear();
    TypeElement annotation = elements.getTypeElement(SubprocessAnnotation.NAME);
    Set<ExecutableElement> annotated = annotation == null
        ? Set.of()
        : ElementFilter.methodsIn(round.getElementsAnnotatedWith(annotation));
    return Stream.concat(waiting.stream(), annotated.stream())
        .distinct()
        .sorted(SOURCE_INDEPENDENT_ORDER)
        .toList();
  }

  private void claimNames(ExecutableElement method) {
    SubprocessAnnotation annotation = SubprocessAnnotation.of(method, elements);
    GeneratedNames.of(method, annotation, elements).ifPresent(names -> claims.claim(method, names));
  }

  private void processMethod(ExecutableElement method, boolean lastRound) throws IOException {
    Optional<String> undefinedType = validator.undefinedType(method);
    if (undefinedType.isPresent()) {
      if (lastRound) {
        String name = method.getSimpleName().toString();
        report(Diagnostic.on(method, Messages.undefinedType(name, undefinedType.get())));
      } else {
        deferred.add(MethodKey.of(method));
      }
      return;
    }
    SubprocessAnnotation annotation = SubprocessAnnotation.of(method, elements);
    List<Diagnostic> errors = validator.validate(method, annotation);
    if (errors.isEmpty()) {
      writer.write(factory.create(method, annotation));
    } else {
      errors.forEach(this::report);
    }
  }

  /**
   * Runs {@code step} on each method and returns those on which it succeeded. Whatever it throws,
   * an {@link Error} included (a {@link StackOverflowError} on a type the processor did not
   * expect), is reported as an error on its method rather than thrown: a throwable that reaches
   * javac is shown as a compiler crash, which hides the method that caused it.
   */
  private List<ExecutableElement> forEachMethod(List<ExecutableElement> methods, Step step) {
    List<ExecutableElement> succeeded = new ArrayList<>();
    for (ExecutableElement method : methods) {
      try {
        step.run(method);
        succeeded.add(method);
      } catch (Throwable e) { // see above: nothing may reach javac
        String name = MethodKey.of(method).type() + "." + TypeDisplay.signature(method);
        report(Diagnostic.on(method, Messages.internalError(name, e)));
      }
    }
    return succeeded;
  }

  private interface Step {
    void run(ExecutableElement method) throws IOException;
  }

  private void report(Diagnostic diagnostic) {
    messager.printMessage(
        Kind.ERROR,
        diagnostic.message(),
        diagnostic.element(),
        diagnostic.annotation().orElse(null),
        diagnostic.value().orElse(null));
  }
}
