/** A named module that does not read java.compiler, where @Generated lives. */
module com.acme {
  requires dev.subprocess;
}
