import Foundation

/// The JSON shapes of Vertex AI's `tuningJobs` resource (§7 of the wire-format notes; proto3 JSON:
/// camelCase, int64 as strings, timestamps in RFC 3339).
enum VertexTuningWire {
    struct CreateJob: Encodable {
        struct Spec: Encodable {
            let trainingDatasetUri: String
            let validationDatasetUri: String?
            let hyperParameters: HyperParameters?
        }

        struct HyperParameters: Encodable {
            let epochCount: Int?
            let learningRateMultiplier: Double?
            let adapterSize: String?
        }

        let baseModel: String
        let tunedModelDisplayName: String?
        let supervisedTuningSpec: Spec
    }

    /// An int64 sent as a string (or a number).
    struct Int64Text: Decodable {
        let value: Int?

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) {
                value = number
            } else {
                value = Int(try container.decode(String.self))
            }
        }
    }

    struct Status: Decodable {
        let code: Int?
        let message: String?
    }

    struct TunedModel: Decodable {
        let model: String?
        let endpoint: String?
    }

    struct DataStats: Decodable {
        struct Supervised: Decodable {
            let tuningDatasetExampleCount: Int64Text?
            let totalBillableTokenCount: Int64Text?
            let tuningStepCount: Int64Text?
        }
        let supervisedTuningDataStats: Supervised?
    }

    struct Spec: Decodable {
        let trainingDatasetUri: String?
        let validationDatasetUri: String?
    }

    struct Job: Decodable {
        let name: String
        let state: String?
        let baseModel: String?
        let tunedModelDisplayName: String?
        let createTime: String?
        let endTime: String?
        let error: Status?
        let experiment: String?
        let tunedModel: TunedModel?
        let tuningDataStats: DataStats?
        let supervisedTuningSpec: Spec?
    }

    struct JobList: Decodable {
        let tuningJobs: [Job]?
        let nextPageToken: String?
    }

    static func date(_ text: String?) -> Date? {
        guard let text else { return nil }
        let precise = ISO8601DateFormatter()
        precise.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return precise.date(from: text) ?? ISO8601DateFormatter().date(from: text)
    }
}

extension VertexTuningWire.Job {
    var remote: RemoteTuningJob {
        let state = state ?? "JOB_STATE_UNSPECIFIED"
        var details: [String: String] = [:]
        if let model = tunedModel?.model { details["tuned model"] = model }
        if let experiment { details["experiment"] = experiment }
        if let name = tunedModelDisplayName { details["display name"] = name }
        let stats = tuningDataStats?.supervisedTuningDataStats
        if let count = stats?.tuningDatasetExampleCount?.value { details["examples"] = String(count) }
        if let tokens = stats?.totalBillableTokenCount?.value { details["billable tokens"] = String(tokens) }
        if let steps = stats?.tuningStepCount?.value { details["steps"] = String(steps) }
        return RemoteTuningJob(
            provider: .vertex, id: name, baseModel: baseModel ?? "", rawStatus: state,
            status: TuningStatus(vertex: state), fineTunedModel: tunedModel?.endpoint,
            trainedTokens: nil, error: error?.message, createdAt: VertexTuningWire.date(createTime),
            finishedAt: VertexTuningWire.date(endTime), trainingFile: supervisedTuningSpec?.trainingDatasetUri,
            validationFile: supervisedTuningSpec?.validationDatasetUri, details: details)
    }
}
