import Testing

@testable import Probes

/// Sentry's buffer key for an issue (docs/reference/sentry-schema.md §6.7) and the MD5 behind it.
@Suite struct SentryBufferTests {
    @Test func md5MatchesTheKnownDigests() {
        #expect(SentryBuffer.md5Hex([]) == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(
            SentryBuffer.md5Hex(Array("The quick brown fox jumps over the lazy dog".utf8))
                == "9e107d9d372bb6826bd81d3542a419d6")
    }

    @Test func groupKeyIsTheReferencesKeyForIssue123() {
        // The reference's worked example: the md5 input for group 123 is the literal `id=b'123'`.
        #expect(SentryBuffer.groupKey(123) == "b:k:sentry.group:efdb59295cc9fb64dbe7fe178088de54")
    }
}
