package com.acme.shadow;

/** A user's own Process, in the package of a @Subprocess method. */
public class Process {}
