/**
 * The binary format in which values and failures cross process boundaries: arguments, results,
 * thrown exceptions, queue and pipe messages. Not API.
 *
 * <p>{@link dev.subprocess.internal.wire.WireOutput} and {@link
 * dev.subprocess.internal.wire.WireInput} write and read the primitives: big-endian numbers,
 * unsigned LEB128 varints for lengths and counts, strings as a varint UTF-8 byte length and the
 * bytes. {@link dev.subprocess.internal.wire.Values} encodes a transferable value as one tag byte
 * and what the tag defines; {@link dev.subprocess.internal.wire.Failures} encodes a throwable (its
 * format is in its javadoc). Everything malformed, from truncation to a class name that is not
 * transferable, is a {@link dev.subprocess.internal.wire.MalformedMessageException}.
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
 *   <tr><td>0x40</td><td>Queue</td><td>what the registered {@code HandleCodec} writes</td></tr>
 *   <tr><td>0x41</td><td>Connection</td>
 *       <td>what the registered {@code HandleCodec} writes</td></tr>
 * </table>
 *
 * <p>A value's type decides its tag: a box is its own tag, so an {@code Integer} reads back as an
 * {@code Integer}; any {@code List}, {@code Set} or {@code Map} is written by its interface and
 * read back as an {@code ArrayList}, {@code LinkedHashSet} or {@code LinkedHashMap}; a 1-dimension
 * primitive array is written in bulk; any other array keeps its exact class. A record or an enum
 * declared as a local class travels like any other, by its binary name (both ends run the same
 * class path); a constant with a body travels as its enum.
 *
 * <h2>Safety</h2>
 *
 * <p>Reading creates only instances of the transferable classes. A class named in a message is
 * loaded without being initialized, by the thread's context class loader (else the system class
 * loader), and refused unless it is an enum, or a record whose declared component types are all
 * transferable (see {@code Transferability}); only then does its constructor run or its constant
 * get looked up. An array class is refused unless its element class is transferable. Every length
 * and count is checked against the bytes that remain before anything is allocated for it, and
 * containers nest at most 1000 deep in both directions. Nothing is ever read through {@code
 * java.io.Serializable}.
 */
package dev.subprocess.internal.wire;
