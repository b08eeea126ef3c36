/// Lays accounts out in the columns of a users file.
struct UserRowEncoder {
    let format: ReleaseFormat

    func writeHeader(to writer: inout CSVRowWriter) throws {
        try writer.row(format.userColumns.map(\.rawValue))
    }

    func write(_ account: Account, to writer: inout CSVRowWriter) throws {
        for column in format.userColumns {
            switch column {
            case .userID: writer.field(account.userID)
            case .userDisplayName: writer.field(account.displayName)
            case .userScreenName: writer.field(account.screenName)
            case .userReportedLocation: writer.field(account.location)
            case .userProfileDescription: writer.field(account.profileDescription)
            case .userProfileURL: writer.field(account.profileURL)
            case .followerCount: writer.field(account.followerCount)
            case .followingCount: writer.field(account.followingCount)
            case .accountCreationDate: writer.field(CivilTime.dateText(ofDay: account.creationDay))
            case .accountLanguage: writer.field(account.language)
            }
        }
        try writer.endRow()
    }
}
