package com.acme.lang;

/** A user's own Override, in the package of a @Subprocess method: it would capture @Override. */
public @interface Override {}
