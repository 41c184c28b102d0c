package dev.subprocess.internal.ring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The ring's records, fragments, wrap-around and doorbells, within one JVM. */
@Timeout(30)
class OneToOneRingTest {
  private static final int CAPACITY = 4096;

  @TempDir Path temp;

  private ByteBuffer memory() throws Exception {
    return SharedMemory.create(temp.resolve("ring"), OneToOneRing.bytesFor(CAPACITY));
  }

  @Test
  void sharedMemory_isPrivateToTheOwner() throws Exception {
    memory();
    assertEquals("rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("ring"))));
  }

  @Test
  void messagesOfEverySize_comeOutWholeAndInOrder_acrossTheWrap() throws Exception {
    ByteBuffer memory = memory();
    OneToOneRing writer = OneToOneRing.at(memory, 0, CAPACITY);
    OneToOneRing reader = OneToOneRing.at(memory, 0, CAPACITY);
    Random random = new Random(42);
    for (int i = 0; i < 2000; i++) {
      byte[] message = new byte[random.nextInt(writer.maxFragment() + 1)];
      random.nextBytes(message);
      assertTrue(writer.offerFragment(message, 0, message.length, true));
      assertArrayEquals(message, reader.poll());
      assertNull(reader.poll());
    }
    assertEquals(2000, reader.messagesPublished());
  }

  @Test
  void fullRing_refusesAFragment_untilTheReaderConsumes() throws Exception {
    ByteBuffer memory = memory();
    OneToOneRing writer = OneToOneRing.at(memory, 0, CAPACITY);
    OneToOneRing reader = OneToOneRing.at(memory, 0, CAPACITY);
    byte[] fragment = new byte[writer.maxFragment()];
    int written = 0;
    while (writer.offerFragment(fragment, 0, fragment.length, true)) {
      written++;
    }
    assertEquals(4, written);
    assertFalse(writer.hasRoomFor(fragment.length));
    reader.poll();
    assertTrue(writer.offerFragment(fragment, 0, fragment.length, true));
  }

  @Test
  void aViewTakesOverWhereTheLastHolderStopped() throws Exception {
    ByteBuffer memory = memory();
    OneToOneRing first = OneToOneRing.at(memory, 0, CAPACITY);
    first.offerFragment(new byte[] {1}, 0, 1, true);
    first.offerFragment(new byte[] {2}, 0, 1, true);
    assertArrayEquals(new byte[] {1}, OneToOneRing.at(memory, 0, CAPACITY).poll());
    OneToOneRing later = OneToOneRing.at(memory, 0, CAPACITY);
    assertArrayEquals(new byte[] {2}, later.poll());
    OneToOneRing.at(memory, 0, CAPACITY).offerFragment(new byte[] {3}, 0, 1, true);
    assertArrayEquals(new byte[] {3}, later.poll());
  }

  @Test
  void garbage_isACorruptRing() throws Exception {
    ByteBuffer memory = memory();
    OneToOneRing writer = OneToOneRing.at(memory, 0, CAPACITY);
    writer.offerFragment(new byte[8], 0, 8, true);
    memory.putInt(OneToOneRing.HEADER_BYTES, 1 << 20);
    assertThrows(CorruptRingException.class, () -> OneToOneRing.at(memory, 0, CAPACITY).poll());
  }

  @Test
  void aRewoundOrRunawayReaderPosition_isACorruptRing_notAWaitForRoom() throws Exception {
    for (long shift : new long[] {-4, -4L * CAPACITY, 4L * CAPACITY}) {
      ByteBuffer memory =
          SharedMemory.create(temp.resolve("ring" + shift), OneToOneRing.bytesFor(CAPACITY));
      OneToOneRing writer = OneToOneRing.at(memory, 0, CAPACITY);
      assertTrue(writer.offerFragment(new byte[8], 0, 8, true));
      assertArrayEquals(new byte[8], OneToOneRing.at(memory, 0, CAPACITY).poll());
      assertTrue(writer.isConsumed());
      SharedLong head = new SharedLong(memory, OneToOneRing.HEAD_OFFSET);
      head.set(head.get() + shift);
      RingWriter ringWriter = new RingWriter(writer, new Bell());
      byte[] large = new byte[2 * CAPACITY];
      assertThrows(CorruptRingException.class, () -> ringWriter.write(large, 0, large.length),
          "head moved by " + shift);
    }
  }

  @Test
  void aRewoundOrRunawayWriterPosition_isACorruptRing() throws Exception {
    ByteBuffer memory = memory();
    OneToOneRing writer = OneToOneRing.at(memory, 0, CAPACITY);
    OneToOneRing reader = OneToOneRing.at(memory, 0, CAPACITY);
    assertTrue(writer.offerFragment(new byte[8], 0, 8, true));
    assertArrayEquals(new byte[8], reader.poll());
    SharedLong tail = new SharedLong(memory, OneToOneRing.TAIL_OFFSET);
    long published = tail.get();
    tail.set(published - 4);
    assertThrows(CorruptRingException.class, reader::poll);
    assertThrows(CorruptRingException.class, reader::isEmpty);
    tail.set(published + 2L * CAPACITY);
    OneToOneRing later = OneToOneRing.at(memory, 0, CAPACITY);
    assertThrows(CorruptRingException.class, later::poll);
  }

  @Test
  void theLargestMessages_growTheirBufferUpToTheLimitInsteadOfFailing() {
    assertEquals(OneToOneRing.MAX_MESSAGE, OneToOneRing.grown(1 << 30, (1 << 30) + 100));
    assertEquals(1 << 21, OneToOneRing.grown(1 << 20, (1 << 20) + 100));
    assertEquals(-1, OneToOneRing.grown(OneToOneRing.MAX_MESSAGE, OneToOneRing.MAX_MESSAGE + 1L));
  }

  @Test
  void bigMessages_streamThroughASmallRing_betweenTwoThreads() throws Exception {
    ByteBuffer memory = memory();
    Bell toReader = new Bell();
    Bell toWriter = new Bell();
    RingWriter writer = new RingWriter(OneToOneRing.at(memory, 0, CAPACITY), toReader);
    RingReader reader = new RingReader(OneToOneRing.at(memory, 0, CAPACITY), toWriter);
    toReader.parker = reader.parker();
    toWriter.parker = writer.parker();
    int count = 200;
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread producer =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < count; i++) {
                  byte[] message = new byte[i * 997];
                  Arrays.fill(message, (byte) i);
                  writer.write(message, 0, message.length);
                }
                writer.ring().closeWriter(1);
                reader.parker().wake();
              } catch (Throwable t) {
                failure.set(t);
              }
            });
    producer.start();
    for (int i = 0; i < count; i++) {
      byte[] message = reader.take(0);
      assertEquals(i * 997, message.length);
      for (byte b : message) {
        assertEquals((byte) i, b);
      }
    }
    assertNull(reader.take(0), "the writer closed");
    producer.join();
    assertNull(failure.get());
    assertTrue(toReader.rings + toWriter.rings > 0, "someone slept and was woken");
  }

  @Test
  void aSleepingReader_isWokenByTheWriter() throws Exception {
    ByteBuffer memory = memory();
    Bell toReader = new Bell();
    RingWriter writer = new RingWriter(OneToOneRing.at(memory, 0, CAPACITY), toReader);
    RingReader reader = new RingReader(OneToOneRing.at(memory, 0, CAPACITY), new Bell());
    toReader.parker = reader.parker();
    AtomicReference<Thread> sleeper = new AtomicReference<>(Thread.currentThread());
    Thread producer =
        new Thread(
            () -> {
              try {
                Sleepers.awaitSleeping(sleeper);
                writer.write(new byte[] {7}, 0, 1);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    producer.start();
    assertArrayEquals(new byte[] {7}, reader.take(0));
    producer.join();
    assertEquals(1, toReader.rings);
  }

  @Test
  void take_returnsNullAtTheDeadline() throws Exception {
    RingReader reader = new RingReader(OneToOneRing.at(memory(), 0, CAPACITY), new Bell());
    long start = System.nanoTime();
    assertNull(reader.take(System.nanoTime() + 20_000_000));
    assertTrue(System.nanoTime() - start >= 20_000_000);
  }

  /** A doorbell within this JVM. */
  private static final class Bell implements Gate {
    volatile Parker parker;
    volatile int rings;

    @Override
    public void wakePeer() {
      rings++;
      if (parker != null) {
        parker.wake();
      }
    }

    @Override
    public void checkOpen(boolean midMessage) {}
  }
}
