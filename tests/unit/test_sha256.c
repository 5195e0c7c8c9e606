/*
 * test_sha256.c — schemas/sha256.c against FIPS 180-4's example vectors
 * (and NIST's one-million-'a' message), and lengths around the padding
 * boundary (55, 56, 63, 64, 65 bytes) against values computed with
 * sha256sum.
 */
#include "model.h"
#include "check.h"

#include <stdlib.h>
#include <string.h>

static const char *of(Arena *a, const char *s)
{
    return sha256_hex(a, s, strlen(s));
}

static const char *of_a(Arena *a, size_t n)
{
    char *buf = malloc(n + 1);
    memset(buf, 'a', n);
    buf[n] = '\0';
    const char *h = sha256_hex(a, buf, n);
    free(buf);
    return h;
}

int main(void)
{
    Arena a = {0};
    CHECK_STR(of(&a, ""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK_STR(of(&a, "abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK_STR(of(&a, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK_STR(of(&a, "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"),
              "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
    CHECK_STR(of_a(&a, 1000000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    /* the padding boundary: 55 bytes fit one block with the length, 56 do not */
    CHECK_STR(of_a(&a, 55), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    CHECK_STR(of_a(&a, 56), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    CHECK_STR(of_a(&a, 63), "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34");
    CHECK_STR(of_a(&a, 64), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
    CHECK_STR(of_a(&a, 65), "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0");
    /* bytes above 0x7f (UTF-8) are bytes */
    CHECK_STR(of(&a, "\xc3\xa9"), "4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c");
    arena_free(&a);
    return check_report();
}
