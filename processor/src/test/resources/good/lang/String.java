package com.acme.lang;

/** A user's own String, in the package of a @Subprocess method. */
public class String {}
