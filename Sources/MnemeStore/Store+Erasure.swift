import GRDB

extension Store {
    /// Erases everything stored about the user — profile facts, sessions, messages and their
    /// full-text entries, and every table registered in ``Erasure`` — in one transaction,
    /// then checkpoints the write-ahead log.
    ///
    /// With `secure_delete` on, the deleted rows are overwritten with zeros: once this
    /// returns, none of the user's text is left in the database file.
    ///
    /// - Throws: ``StoreError/Code/notFound`` if there is no such user.
    @discardableResult
    public func forget(user scope: UserScope) async throws -> ErasureReport {
        let report = try await write { db in
            try Self.requireUser(db, scope)
            var deleted: [String: Int] = [:]
            for table in Erasure.tables {
                try db.execute(
                    sql: "DELETE FROM \(table) WHERE tenant_id = ? AND user_id = ?",
                    arguments: [scope.tenantID, scope.userID]
                )
                deleted[table] = db.changesCount
            }
            deleted["document_access"] = try Erasure.eraseReferences(db, scope)
            try db.execute(
                sql: "DELETE FROM user WHERE id = ? AND tenant_id = ?",
                arguments: [scope.userID, scope.tenantID]
            )
            deleted["user"] = db.changesCount
            try Erasure.purgeFullTextIndexes(db)
            return ErasureReport(deletedRows: deleted)
        }
        try await checkpoint()
        logger.info("erased user", metadata: ["tenant": "\(scope.tenantID)", "rows": "\(report.total)"])
        return report
    }
}
