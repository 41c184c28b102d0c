/** A named module that reads java.compiler, where @Generated lives. */
module com.acme {
  requires dev.subprocess;
  requires static java.compiler;
}
