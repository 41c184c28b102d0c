/**
 * The binary format in which values and failures cross process boundaries: arguments, results,
 * thrown exceptions, queue and pipe messages. Not API.
 *
 * <p>{@link dev.subprocess.internal.wire.WireOutput} and {@link
 * dev.subprocess.internal.wire.WireInput} write and read the primitives: big-endian numbers,
 * unsigned LEB128 varints for lengths and counts, strings as a varint byte length and the bytes
 * in UTF-8 (WTF-8 for a string with a lone surrogate, so that every Java string reads back
 * exactly). {@link dev.subprocess.internal.wire.Values} encodes a transferable value as one tag
 * byte and what the tag defines; {@link dev.subprocess.internal.wire.Failures} encodes a throwable
 * (its format is in its javadoc) and reads it back as a {@link
 * dev.subprocess.internal.wire.RemoteFailure}. Everything malformed, from truncation to a class
 * name that is not transferable, is a {@link dev.subprocess.internal.wire.MalformedMessageException}.
 *
 * <p>This package depends on no other of the runtime: it knows no handle type and no API type.
 * Handles (queues, pipe ends, ...) register with {@link dev.subprocess.internal.wire.HandleTypes},
 * each with its own tag.
 *
 * <h2>Values</h2>
 *
 * <table>
 *   <caption>Tags</caption>
 *   <tr><th>tag</th><th>value</th><th>bytes after the tag</th></tr>
 *   <tr><td>0x00</td><td>null</td><td></td></tr>
 *   <tr><td>0x01</td><td>false</td><td></td></tr>
 *   <tr><td>0x02</td><td>true</td><td></td></tr>
 *   <tr><td>0x03</td><td>Byte</td><td>1</td></tr>
 *   <tr><td>0x04</td><td>Short</td><td>2</td></tr>
 *   <tr><td>0x05</td><td>Character</td><td>2</td></tr>
 *   <tr><td>0x06</td><td>Integer</td><td>4</td></tr>
 *   <tr><td>0x07</td><td>Long</td><td>8</td></tr>
 *   <tr><td>0x08</td><td>Float</td><td>4, the raw IEEE 754 bits</td></tr>
 *   <tr><td>0x09</td><td>Double</td><td>8, the raw IEEE 754 bits</td></tr>
 *   <tr><td>0x0A</td><td>String</td><td>string</td></tr>
 *   <tr><td>0x10</td><td>enum constant</td>
 *       <td>string enum class name, string constant name</td></tr>
 *   <tr><td>0x11</td><td>record</td>
 *       <td>string class name, varint n, n values: the components in order</td></tr>
 *   <tr><td>0x12</td><td>array of references</td>
 *       <td>string array class name as {@code Class.getName()} ({@code [Ljava.lang.String;},
 *       {@code [[I}), varint n, n values</td></tr>
 *   <tr><td>0x13</td><td>List</td><td>varint n, n values</td></tr>
 *   <tr><td>0x14</td><td>Set</td><td>varint n, n values, in iteration order</td></tr>
 *   <tr><td>0x15</td><td>Map</td><td>varint n, n × (key value), in iteration order</td></tr>
 *   <tr><td>0x16</td><td>empty Optional</td><td></td></tr>
 *   <tr><td>0x17</td><td>present Optional</td><td>a value, not null</td></tr>
 *   <tr><td>0x20</td><td>byte[]</td><td>varint n, n bytes</td></tr>
 *   <tr><td>0x21</td><td>boolean[]</td><td>varint n, n bytes, each 0 or 1</td></tr>
 *   <tr><td>0x22</td><td>short[]</td><td>varint n, n × 2</td></tr>
 *   <tr><td>0x23</td><td>char[]</td><td>varint n, n × 2</td></tr>
 *   <tr><td>0x24</td><td>int[]</td><td>varint n, n × 4</td></tr>
 *   <tr><td>0x25</td><td>long[]</td><td>varint n, n × 8</td></tr>
 *   <tr><td>0x26</td><td>float[]</td><td>varint n, n × 4</td></tr>
 *   <tr><td>0x27</td><td>double[]</td><td>varint n, n × 8</td></tr>
 *   <tr><td>0x30</td><td>BigInteger</td>
 *       <td>varint n (at least 1), n bytes of two's complement, big-endian</td></tr>
 *   <tr><td>0x31</td><td>BigDecimal</td><td>int scale, then the unscaled value as 0x30</td></tr>
 *   <tr><td>0x32</td><td>UUID</td><td>long most, long least significant bits</td></tr>
 *   <tr><td>0x33</td><td>Instant</td><td>long epoch seconds, int nanoseconds</td></tr>
 *   <tr><td>0x34</td><td>Duration</td><td>long seconds, int nanoseconds</td></tr>
 *   <tr><td>0x35</td><td>LocalDate</td><td>int year, byte month, byte day</td></tr>
 *   <tr><td>0x36</td><td>LocalDateTime</td>
 *       <td>as LocalDate, then byte hour, byte minute, byte second, int nanoseconds</td></tr>
 *   <tr><td>0x40 to 0x5F</td><td>a handle</td>
 *       <td>what the {@link dev.subprocess.internal.wire.HandleType} registered for the tag
 *       writes: 0x40 is {@code Queue}, 0x41 {@code Connection}</td></tr>
 * </table>
 *
 * <p>A value's type decides its tag: a box is its own tag, so an {@code Integer} reads back as an
 * {@code Integer}; any {@code List}, {@code Set} or {@code Map} is written by its interface and
 * read back as an {@code ArrayList}, {@code LinkedHashSet} or {@code LinkedHashMap}; a 1-dimension
 * primitive array is written in bulk; any other array keeps its exact class. A record or an enum
 * declared as a local class travels like any other, by its binary name (both ends run the same
 * class path); a constant with a body travels as its enum.
 *
 * <h2>Safety: what a forged message can do</h2>
 *
 * <p>A message may come from a process that is not trusted to run code here (a child that was
 * given a queue, say). Whatever its bytes, decoding one:
 *
 * <ul>
 *   <li><b>creates only instances of transferable classes</b>, never through {@code
 *       java.io.Serializable}: the value classes above; {@code ArrayList}, {@code LinkedHashSet},
 *       {@code LinkedHashMap}, {@code Optional}, arrays; enum constants that exist; records;
 *       handles, through their registered type (a handle names an object of a process of this
 *       user's, which the handle type then reaches and authenticates).
 *   <li><b>looks up only classes a program can declare transferable.</b> A class named in a
 *       message (an enum's, a record's, an array's element class) is loaded, without being
 *       initialized, by the thread's context class loader (else the system class loader). It is
 *       refused if its module neither exports nor opens its package to the runtime (the JDK's
 *       internals: {@code sun.*}, {@code jdk.internal.*}), if it is an internal class of this runtime (a package
 *       under {@code dev.subprocess.internal}, from the runtime's own jar), if it is not an enum
 *       or a record, or if a record's declared component types are not all transferable (see
 *       {@code Transferability}); an array class is refused unless its element class is
 *       transferable.
 *   <li><b>can initialize such a class, and run such a record's constructor.</b> What is left
 *       after those checks is any enum, and any record of transferable components, that the class
 *       path holds in an exported package: the program's own, its libraries', the JDK's public
 *       ones ({@code java.time.DayOfWeek}). Reading one runs its static initializer if it has not
 *       run yet, and a record's canonical constructor with components of the declared types, as
 *       reading a legitimate value of that type would. A record whose constructor has effects
 *       beyond checking and storing its components should therefore not be on the class path of
 *       a process that reads messages it does not trust. A constructor that throws makes the
 *       message malformed.
 *   <li><b>allocates at most a small multiple of the message's length.</b> Every length and
 *       count is checked against the bytes that remain, and the counts of one message (list, set,
 *       map and array elements, the links, frames and suppressed exceptions of a failure) against
 *       its whole length (see {@link dev.subprocess.internal.wire.WireInput#readCount}): what is
 *       allocated ahead of the elements then stays below some 8 bytes for each byte of the
 *       message. Each element decoded allocates at most a few dozen bytes more than its own bytes
 *       (an empty {@code LinkedHashSet}, 2 bytes on the wire, is some 80 bytes in the heap), so a
 *       message of n bytes never holds more than about 50 × n bytes of heap. The bytes of the
 *       message themselves are held by its reader: a link refuses frames above its limit.
 *   <li><b>takes time linear in its length</b>, or a small multiple of it: containers nest at
 *       most 1000 deep both ways, and a set or map whose keys share hash codes beyond {@code
 *       HashCollisions.PAIRS_PER_KEY} pairs per key is refused, since a hash table spends an
 *       {@code equals} on each such pair. Hashing a key hashes everything in it, so keys nested in
 *       keys cost up to their depth (1000 at most) times their size.
 * </ul>
 *
 * <p>Any such refusal is a {@link dev.subprocess.internal.wire.MalformedMessageException}, which
 * the API turns into its own {@code CorruptMessageException}: the message is consumed, and the
 * queue or pipe it came by goes on.
 */
package dev.subprocess.internal.wire;
