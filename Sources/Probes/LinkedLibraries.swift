internal import CCrypto
internal import CHiredis
internal import CPostgres
internal import CZlib

/// The C libraries the probes run on, as linked (libpq, zlib, libcrypto at run time; hiredis as compiled: it has no
/// run-time version call). For `--version` and bug reports.
public enum LinkedLibraries {
    public static var versions: [(name: String, version: String)] {
        let pq = Int(PQlibVersion())
        return [
            ("libpq", "\(pq / 10000).\(pq % 10000)"),
            ("hiredis", "\(chiredis_major()).\(chiredis_minor()).\(chiredis_patch())"),
            ("zlib", String(cString: zlibVersion())),
            ("libcrypto", String(cString: OpenSSL_version(Int32(OPENSSL_VERSION_STRING)))),
        ]
    }
}
