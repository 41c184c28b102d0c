/**
 * The one listener of a JVM, through which other processes reach the objects it hosts: {@link
 * dev.subprocess.internal.hub.Hub} (which knows no kind of object: services register theirs) and
 * the {@link dev.subprocess.internal.hub.Capability} that a handle carries to reach one object,
 * and only that one. Built on {@link dev.subprocess.internal.channel}; knows nothing of the API.
 * Not API.
 */
package dev.subprocess.internal.hub;
