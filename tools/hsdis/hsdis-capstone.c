/* A minimal HotSpot disassembler plugin (x86-64) on the capstone library, so that
 * -XX:+PrintAssembly / -XX:CompileCommand=print show what C2 made of a kernel. A development tool only:
 * Nabla never loads it. Debian's libhsdis0-fcml prints raw bytes with Temurin 25.
 * Build:  apt-get install libcapstone-dev
 *         gcc -O2 -shared -fPIC tools/hsdis/hsdis-capstone.c -o /tmp/hsdis/hsdis-amd64.so -lcapstone
 * Use:    LD_LIBRARY_PATH=/tmp/hsdis java -XX:+UnlockDiagnosticVMOptions -XX:PrintAssemblyOptions=intel \
 *           -XX:CompileCommand=print,dev.nabla.kernel.ConvMicroKernels::f6x2 ...
 * Bytes capstone 4 cannot decode (some EVEX forms) come out as ".byte" lines, so AVX-512 listings have
 * gaps; the options string is ignored (intel syntax always). */
#include <capstone/capstone.h>
#include <stdint.h>
#include <stdio.h>
typedef void *(*event_fn)(void *, const char *, void *);
typedef int (*printf_fn)(void *, const char *, ...);
void *decode_instructions_virtual(uintptr_t start_va, uintptr_t end_va, unsigned char *buffer, uintptr_t length,
                                  event_fn ev, void *ev_stream, printf_fn pr, void *pr_stream,
                                  const char *options, int newline) {
  csh h;
  if (cs_open(CS_ARCH_X86, CS_MODE_64, &h) != CS_ERR_OK) return NULL;
  cs_insn *insn = cs_malloc(h);
  const uint8_t *code = buffer; size_t size = length; uint64_t addr = start_va;
  cs_option(h, CS_OPT_SKIPDATA, CS_OPT_ON);
  while (addr < end_va && size > 0) {
    if (!cs_disasm_iter(h, &code, &size, &addr, insn)) { code++; size--; addr++; continue; }
    if (ev) ev(ev_stream, "insn", (void *)(uintptr_t)insn->address);
    pr(pr_stream, "%s\t%s", insn->mnemonic, insn->op_str);
    if (ev) ev(ev_stream, "/insn", (void *)(uintptr_t)(insn->address + insn->size));
    if (newline) pr(pr_stream, "\n");
  }
  cs_free(insn, 1); cs_close(&h);
  return (void *)(uintptr_t)addr;
}
