package dev.subprocess.processor;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * The processor, with javac's {@link Filer} swapped for one that records what is written, or one
 * that fails: what a test cannot see through a compilation that failed.
 */
final class ProcessorWithFiler extends AbstractProcessor {
  private final SubprocessProcessor processor = new SubprocessProcessor();
  private final UnaryOperator<Filer> filers;
  private final List<String> written;

  private ProcessorWithFiler(List<String> written, UnaryOperator<Filer> filers) {
    this.written = written;
    this.filers = filers;
  }

  /** Writes as javac's Filer does, and remembers the name of each file. */
  static ProcessorWithFiler recording() {
    List<String> written = new ArrayList<>();
    return new ProcessorWithFiler(written, filer -> proxy(Filer.class, (p, method, arguments) -> {
      switch (method.getName()) {
        case "createSourceFile" -> written.add(arguments[0].toString());
        case "createResource" -> written.add(arguments[2].toString());
        default -> {}
      }
      return forward(method, filer, arguments);
    }));
  }

  /**
   * Throws {@code failure} from every method of the Filer: an unchecked exception or an error,
   * which the proxy passes on as they are.
   */
  static ProcessorWithFiler failing(Throwable failure) {
    if (!(failure instanceof RuntimeException || failure instanceof Error)) {
      throw new IllegalArgumentException("failure must be unchecked: " + failure);
    }
    InvocationHandler fail = (p, method, arguments) -> {
      throw failure;
    };
    return new ProcessorWithFiler(new ArrayList<>(), filer -> proxy(Filer.class, fail));
  }

  /** The names of the sources and resources written so far, in order. */
  List<String> written() {
    return written;
  }

  @Override
  public synchronized void init(ProcessingEnvironment environment) {
    super.init(environment);
    Filer filer = filers.apply(environment.getFiler());
    processor.init(proxy(ProcessingEnvironment.class, (p, method, arguments) ->
        method.getName().equals("getFiler") ? filer : forward(method, environment, arguments)));
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return processor.getSupportedAnnotationTypes();
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return processor.getSupportedSourceVersion();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    return processor.process(annotations, round);
  }

  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return type.cast(
        Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }

  private static Object forward(Method method, Object target, Object[] arguments)
      throws Throwable {
    try {
      return method.invoke(target, arguments);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
