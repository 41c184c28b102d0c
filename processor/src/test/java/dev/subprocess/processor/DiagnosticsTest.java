package dev.subprocess.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.subprocess.processor.Compilations.compiler;
import static dev.subprocess.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One test per rule: the error's text, and the line of the element at fault. */
class DiagnosticsTest {
  @Test
  void instanceMethodOfClass_isRejected() {
    assertOnlyError(
        "bad/InstanceMethod.java", Messages.notStaticNorRecordMethod("count"), "int count()");
  }

  @Test
  void privateMethod_isRejected() {
    assertOnlyError(
        "bad/PrivateMethod.java", Messages.privateMethod("secret"), "private static int secret()");
  }

  @Test
  void methodOfInnerClass_isRejected() {
    assertOnlyError(
        "bad/InnerClass.java", Messages.innerClass("Worker"), "static int work()");
  }

  @Test
  void methodOfPrivateNestedClass_isRejected() {
    assertOnlyError(
        "bad/PrivateNestedClass.java",
        Messages.privateEnclosingType("Hidden"),
        "static int work()");
  }

  /**
   * javac shows processors no member of a local class, so there is nothing to reject; should that
   * change, this test fails and {@link Messages#localClass} needs a test.
   */
  @Test
  void methodOfLocalClass_isInvisibleToProcessors() {
    ProcessorWithFiler processor = ProcessorWithFiler.recording();
    Compilation compilation = compiler(processor).compile(source("bad/LocalClass.java"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(processor.written()).isEmpty();
  }

  @Test
  void genericMethod_isRejected_asAreItsTypeVariables() {
    JavaFileObject source = source("bad/GenericMethod.java");
    ProcessorWithFiler processor = ProcessorWithFiler.recording();
    Compilation compilation = compiler(processor).compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.genericMethod("identity"))
        .inFile(source)
        .onLineContaining("static <T> T identity(T value)");
    assertThat(compilation)
        .hadErrorContaining(Messages.parameterFault("value", "T", typeVariable("T")))
        .inFile(source)
        .onLineContaining("static <T> T identity(T value)");
    assertThat(compilation)
        .hadErrorContaining(Messages.returnFault("identity", "T", typeVariable("T")))
        .inFile(source)
        .onLineContaining("static <T> T identity(T value)");
    assertThat(compilation).hadErrorCount(3);
    assertThat(processor.written()).isEmpty();
  }

  @Test
  void instanceMethodOfGenericRecord_isRejected() {
    assertOnlyError(
        "bad/GenericRecord.java",
        Messages.genericRecord("describe", "GenericRecord", "GenericRecord<String>"),
        "String describe()");
  }

  @Test
  void parameterNotTransferable_isRejected() {
    assertOnlyError(
        "bad/ThreadParameter.java",
        Messages.parameterFault(
            "thread", "Thread", notTransferable(TypeFault.Slot.WHOLE, "Thread")),
        "static void watch(String name, Thread thread)");
  }

  @Test
  void arrayOfNotTransferable_isRejected() {
    assertOnlyError(
        "bad/ObjectArrayParameter.java",
        Messages.parameterFault(
            "values", "Object[]", notTransferable(element("Object[]"), "Object")),
        "static void log(Object[] values)");
  }

  @Test
  void listOfNotTransferable_isRejected() {
    assertOnlyError(
        "bad/ListOfThreads.java",
        Messages.parameterFault(
            "threads", "List<Thread>", notTransferable(element("List<Thread>"), "Thread")),
        "static void watch(List<Thread> threads)");
  }

  @Test
  void mapOfNotTransferable_isRejected() {
    TypeFault.Slot value = TypeFault.Slot.inside(TypeFault.Slot.Place.VALUE, "Map<String, Thread>");
    assertOnlyError(
        "bad/MapOfThreads.java",
        Messages.parameterFault("threads", "Map<String, Thread>", notTransferable(value, "Thread")),
        "static void watch(Map<String, Thread> threads)");
  }

  @Test
  void queueOfNotTransferable_isRejected() {
    assertOnlyError(
        "bad/QueueOfThreads.java",
        Messages.parameterFault(
            "queue", "Queue<Thread>", notTransferable(element("Queue<Thread>"), "Thread")),
        "static void consume(Queue<Thread> queue)");
  }

  @Test
  void recordWithNotTransferableComponent_isRejected() {
    TypeFault.Slot owner = TypeFault.Slot.component("owner", "Order");
    String message =
        Messages.parameterFault("orders", "List<Order>", notTransferable(owner, "Thread"));

    assertOnlyError("bad/RecordComponent.java", message, "static void ship(List<Order> orders)");
    assertThat(message).contains(
        "component `owner` of record Order has type Thread, which is not transferable");
  }

  @Test
  void rawType_isRejected() {
    TypeFault raw = new TypeFault(TypeFault.Kind.RAW, TypeFault.Slot.WHOLE, "List", "List<String>");
    assertOnlyError(
        "bad/RawList.java",
        Messages.parameterFault("items", "List", raw),
        "static void count(List items)");
  }

  @Test
  void rawTypeInRecordComponent_isRejected() {
    TypeFault raw = new TypeFault(
        TypeFault.Kind.RAW,
        TypeFault.Slot.component("items", "Cart"),
        "Map",
        "Map<String, String>");
    assertOnlyError(
        "bad/RawComponent.java",
        Messages.parameterFault("cart", "Cart", raw),
        "static void checkout(Cart cart)");
  }

  @Test
  void wildcard_isRejected() {
    TypeFault wildcard = new TypeFault(
        TypeFault.Kind.WILDCARD,
        element("List<? extends Number>"),
        "? extends Number",
        "Number");
    assertOnlyError(
        "bad/WildcardParameter.java",
        Messages.parameterFault("numbers", "List<? extends Number>", wildcard),
        "static double sum(List<? extends Number> numbers)");
  }

  @Test
  void returnTypeNotTransferable_isRejected() {
    assertOnlyError(
        "bad/ThreadReturn.java",
        Messages.returnFault("spawn", "Thread", notTransferable(TypeFault.Slot.WHOLE, "Thread")),
        "static Thread spawn()");
  }

  @Test
  void returnTypeWithNotTransferableArgument_isRejected() {
    assertOnlyError(
        "bad/OptionalOfObjectReturn.java",
        Messages.returnFault(
            "find", "Optional<Object>", notTransferable(element("Optional<Object>"), "Object")),
        "static Optional<Object> find()");
  }

  @Test
  void recordReceiverNotTransferable_isRejected() {
    TypeFault.Slot thread = TypeFault.Slot.component("thread", "RecordReceiver");
    assertOnlyError(
        "bad/RecordReceiver.java",
        Messages.receiverFault("run", "RecordReceiver", notTransferable(thread, "Thread")),
        "void run()");
  }

  @Test
  void privateRecordAsParameter_isRejected() {
    TypeFault fault =
        new TypeFault(TypeFault.Kind.PRIVATE, TypeFault.Slot.WHOLE, "Secret", "Secret");
    assertOnlyError(
        "bad/PrivateRecordParameter.java",
        Messages.parameterFault("secret", "Secret", fault),
        "static void keep(Secret secret)");
  }

  @Test
  void protectedRecordOfOtherPackage_isRejected() {
    JavaFileObject source = source("bad/ProtectedNestedParameter.java");
    TypeFault fault =
        new TypeFault(TypeFault.Kind.NOT_PUBLIC, TypeFault.Slot.WHOLE, "Inherited", "Inherited");

    Compilation compilation = compiler().compile(source, source("bad/other/Base.java"));

    assertThat(compilation)
        .hadErrorContaining(Messages.parameterFault("inherited", "Inherited", fault))
        .inFile(source)
        .onLineContaining("static void keep(Inherited inherited)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void nameOfExistingType_isRejected() {
    assertOnlyError(
        "bad/ExistingType.java",
        Messages.typeExists("greet", "com.acme.GreetProcess"),
        "static void greet(String name)");
  }

  @Test
  void overloadsWithoutClassName_areRejectedEach() {
    JavaFileObject source = source("bad/Overloads.java");
    ProcessorWithFiler processor = ProcessorWithFiler.recording();
    Compilation compilation = compiler(processor).compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.nameCollision(
            "area(int)", "com.acme.AreaProcess", List.of("area(int, int) in com.acme.Overloads")))
        .inFile(source)
        .onLineContaining("static int area(int side)");
    assertThat(compilation)
        .hadErrorContaining(Messages.nameCollision(
            "area(int, int)", "com.acme.AreaProcess", List.of("area(int) in com.acme.Overloads")))
        .inFile(source)
        .onLineContaining("static int area(int width, int height)");
    assertThat(compilation).hadErrorCount(2);
    assertThat(processor.written()).isEmpty();
  }

  @Test
  void parameterNamedLikeLauncher_isRejected() {
    assertOnlyError(
        "bad/ParameterNamedLikeLauncher.java",
        Messages.parameterHidesLauncher("GreetProcessMain"),
        "static void greet(String GreetProcessMain)");
  }

  @Test
  void invalidClassName_isRejected() {
    assertOnlyError(
        "bad/InvalidClassName.java",
        Messages.invalidClassName("9Lives", "LiveProcess"),
        "@Subprocess(className = \"9Lives\")");
  }

  @Test
  void everyBrokenRule_isReportedAtOnce() {
    JavaFileObject source = source("bad/ManyFaults.java");
    ProcessorWithFiler processor = ProcessorWithFiler.recording();
    Compilation compilation = compiler(processor).compile(source);

    assertThat(compilation).hadErrorContaining(Messages.privateMethod("pick")).inFile(source)
        .onLineContaining("private <T> T pick(T value)");
    assertThat(compilation).hadErrorContaining(Messages.notStaticNorRecordMethod("pick"))
        .inFile(source).onLineContaining("private <T> T pick(T value)");
    assertThat(compilation).hadErrorContaining(Messages.genericMethod("pick")).inFile(source)
        .onLineContaining("private <T> T pick(T value)");
    assertThat(compilation).hadErrorCount(5);
    assertThat(processor.written()).isEmpty();
  }

  @Test
  void badMethod_doesNotStopGoodOneBesideIt() {
    JavaFileObject source = source("bad/GoodBesideBad.java");
    ProcessorWithFiler processor = ProcessorWithFiler.recording();
    Compilation compilation = compiler(processor).compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.parameterFault(
            "thread", "Thread", notTransferable(TypeFault.Slot.WHOLE, "Thread")))
        .inFile(source)
        .onLineContaining("static void bad(Thread thread)");
    assertThat(compilation).hadErrorCount(1);
    assertThat(processor.written())
        .containsExactly(
            "com.acme.GoodProcess",
            "com.acme.GoodProcessMain",
            "META-INF/dev.subprocess/entries/com.acme.GoodProcessMain");
  }

  /**
   * Compiles one file and checks that the only error is {@code message}, on the line, and that
   * nothing was generated.
   */
  private static void assertOnlyError(String resource, String message, String line) {
    JavaFileObject source = source(resource);
    ProcessorWithFiler processor = ProcessorWithFiler.recording();
    Compilation compilation = compiler(processor).compile(source);

    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
    assertThat(compilation).hadErrorCount(1);
    assertThat(processor.written()).isEmpty();
  }

  private static TypeFault notTransferable(TypeFault.Slot slot, String type) {
    return new TypeFault(TypeFault.Kind.NOT_TRANSFERABLE, slot, type, "");
  }

  private static TypeFault typeVariable(String name) {
    return new TypeFault(TypeFault.Kind.TYPE_VARIABLE, TypeFault.Slot.WHOLE, name, "");
  }

  private static TypeFault.Slot element(String owner) {
    return TypeFault.Slot.inside(TypeFault.Slot.Place.ELEMENT, owner);
  }
}
