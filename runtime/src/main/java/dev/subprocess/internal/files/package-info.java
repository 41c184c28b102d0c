/**
 * The JVM's private folder, where the runtime keeps whatever it writes: sockets, outcome records,
 * ring files. A leaf of the runtime: it depends on no other package of it. Not API.
 */
package dev.subprocess.internal.files;
