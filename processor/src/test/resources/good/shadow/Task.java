package com.acme.shadow;

/** A user's own Task, in the package of a @Subprocess method. */
public interface Task {}
