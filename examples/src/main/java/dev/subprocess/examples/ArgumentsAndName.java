package dev.subprocess.examples;

import dev.subprocess.Subprocess;
import java.util.Map;

/**
 * A process given arguments, keyword arguments (a {@code Map}) and a name; once it has ended, its
 * name, pid and exit code are still there to read. The Python twin:
 *
 * <pre>{@code
 * from multiprocessing import Process
 *
 * def greet(name, times, **options):
 *     greeting = options.get("greeting", "hello")
 *     for _ in range(times):
 *         print(f"{greeting}, {name}{options.get('punctuation', '.')}")
 *
 * if __name__ == "__main__":
 *     p = Process(target=greet, name="greeter", args=("Ada", 2),
 *                 kwargs={"greeting": "hi", "punctuation": "!"})
 *     p.start()
 *     p.join()
 *     print(f"{p.name} had pid {p.pid} and ended with exit code {p.exitcode}")
 * }</pre>
 */
public final class ArgumentsAndName {
  private ArgumentsAndName() {}

  @Subprocess
  static void greet(String name, int times, Map<String, String> options) {
    String greeting = options.getOrDefault("greeting", "hello");
    for (int i = 0; i < times; i++) {
      System.out.println(greeting + ", " + name + options.getOrDefault("punctuation", "."));
    }
  }

  public static void main(String[] args) throws InterruptedException {
    GreetProcess p =
        new GreetProcess("Ada", 2, Map.of("greeting", "hi", "punctuation", "!"))
            .name("greeter")
            .start();
    p.join();
    System.out.println(
        p.name() + " had pid " + p.pid() + " and ended with exit code " + p.exitCode().getAsInt());
  }
}
