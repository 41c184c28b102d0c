package dev.subprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An element that arrives but cannot be decoded is reported by a public exception, never by the
 * runtime's internal one. Here the element's record refuses its components when it is read, as a
 * record of another version of the class path would.
 */
@Timeout(30)
class CorruptMessageExceptionTest {
  static volatile boolean refuse;

  record Picky(int value) {
    Picky {
      if (refuse) {
        throw new IllegalArgumentException("this version takes no " + value);
      }
    }
  }

  @AfterEach
  void accept() {
    refuse = false;
  }

  @Test
  void queueGet_ofAnElementThatCannotBeRead_throwsCorruptMessageException() throws Exception {
    try (Queue<Picky> queue = new Queue<>()) {
      queue.put(new Picky(1));
      queue.put(new Picky(2));
      refuse = true;
      CorruptMessageException e = assertThrows(CorruptMessageException.class, queue::get);
      assertTrue(e.getMessage().contains("this version takes no 1"), e.getMessage());
      assertNull(e.getCause());
      assertThrows(CorruptMessageException.class, () -> queue.get(Duration.ofSeconds(1)));
      refuse = false;
      queue.put(new Picky(3));
      assertEquals(new Picky(3), queue.get());
    }
  }

  @Test
  void connectionRecv_ofAMessageThatCannotBeRead_throwsCorruptMessageException()
      throws Exception {
    Pipe<Picky> pipe = Pipe.open();
    try (Connection<Picky> first = pipe.first();
        Connection<Picky> second = pipe.second()) {
      first.send(new Picky(1));
      first.send(new Picky(2));
      refuse = true;
      CorruptMessageException e = assertThrows(CorruptMessageException.class, second::recv);
      assertTrue(e.getMessage().contains("this version takes no 1"), e.getMessage());
      assertNull(e.getCause());
      refuse = false;
      assertEquals(new Picky(2), second.recv());
    }
  }
}
