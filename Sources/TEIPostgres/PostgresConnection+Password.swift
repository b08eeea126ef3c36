import CLibPQ

extension PostgresConnection {
    /// `password` hashed for `role` as the server stores passwords (SCRAM-SHA-256 unless its
    /// `password_encryption` says otherwise), computed here by libpq, so that `ALTER ROLE … PASSWORD`
    /// can send the hash and the clear password never reaches the server, its logs or its statistics.
    public func encryptPassword(_ password: String, role: String) throws -> String {
        guard !password.utf8.contains(0), !role.utf8.contains(0) else { throw PostgresError.nulInText }
        guard let hashed = PQencryptPasswordConn(handle, password, role, nil) else {
            throw error(from: nil, sql: nil)
        }
        defer { PQfreemem(hashed) }
        return String(cString: hashed)
    }
}
