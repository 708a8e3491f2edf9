import Foundation

/// The JSON shapes of OpenAI's files and fine-tuning API (§6 of the wire-format notes).
enum OpenAIFineTuningWire {
    struct FileObject: Decodable {
        let id: String
        let bytes: Int?
        let filename: String?
        let purpose: String?
        let status: String?
    }

    struct Page<Item: Decodable>: Decodable {
        let data: [Item]
        let hasMore: Bool?

        enum CodingKeys: String, CodingKey {
            case data
            case hasMore = "has_more"
        }
    }

    /// `"auto"` or a number.
    enum AutoOr: Decodable, Hashable {
        case auto
        case value(Double)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) {
                self = .value(number)
            } else {
                _ = try? container.decode(String.self)
                self = .auto
            }
        }

        var text: String {
            switch self {
            case .auto: "auto"
            case .value(let value): value == value.rounded() ? String(Int(value)) : String(value)
            }
        }
    }

    struct Hyperparameters: Decodable {
        let nEpochs: AutoOr?
        let batchSize: AutoOr?
        let learningRateMultiplier: AutoOr?

        enum CodingKeys: String, CodingKey {
            case nEpochs = "n_epochs"
            case batchSize = "batch_size"
            case learningRateMultiplier = "learning_rate_multiplier"
        }
    }

    struct Method: Decodable {
        struct Supervised: Decodable { let hyperparameters: Hyperparameters? }
        let type: String?
        let supervised: Supervised?
    }

    struct JobError: Decodable {
        let code: String?
        let message: String?
        let param: String?
    }

    struct Job: Decodable {
        let id: String
        let model: String
        let status: String
        let createdAt: Double?
        let finishedAt: Double?
        let estimatedFinish: Double?
        let fineTunedModel: String?
        let trainingFile: String?
        let validationFile: String?
        let trainedTokens: Int?
        let error: JobError?
        let hyperparameters: Hyperparameters?
        let method: Method?
        let resultFiles: [String]?

        enum CodingKeys: String, CodingKey {
            case id, model, status, error, hyperparameters, method
            case createdAt = "created_at"
            case finishedAt = "finished_at"
            case estimatedFinish = "estimated_finish"
            case fineTunedModel = "fine_tuned_model"
            case trainingFile = "training_file"
            case validationFile = "validation_file"
            case trainedTokens = "trained_tokens"
            case resultFiles = "result_files"
        }
    }

    struct Metrics: Decodable {
        let step: Double?
        let trainLoss: Double?
        let validLoss: Double?
        let fullValidLoss: Double?
        let totalSteps: Double?

        enum CodingKeys: String, CodingKey {
            case step
            case trainLoss = "train_loss"
            case validLoss = "valid_loss"
            case fullValidLoss = "full_valid_loss"
            case totalSteps = "total_steps"
        }
    }

    struct Event: Decodable {
        let id: String
        let createdAt: Double
        let level: String?
        let message: String?
        let type: String?
        let data: Metrics?

        enum CodingKeys: String, CodingKey {
            case id, level, message, type, data
            case createdAt = "created_at"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            createdAt = try container.decodeIfPresent(Double.self, forKey: .createdAt) ?? 0
            level = try container.decodeIfPresent(String.self, forKey: .level)
            message = try container.decodeIfPresent(String.self, forKey: .message)
            type = try container.decodeIfPresent(String.self, forKey: .type)
            // `data` is free-form; only metrics events carry the numbers read here.
            data = try? container.decodeIfPresent(Metrics.self, forKey: .data)
        }
    }

    struct Checkpoint: Decodable {
        let id: String
        let createdAt: Double?
        let fineTunedModelCheckpoint: String
        let stepNumber: Int
        let metrics: Metrics?

        enum CodingKeys: String, CodingKey {
            case id, metrics
            case createdAt = "created_at"
            case fineTunedModelCheckpoint = "fine_tuned_model_checkpoint"
            case stepNumber = "step_number"
        }
    }

    /// `POST /fine_tuning/jobs` body.
    struct CreateJob: Encodable {
        struct Method: Encodable {
            struct Supervised: Encodable { let hyperparameters: [String: Value] }
            let type = "supervised"
            let supervised: Supervised
        }

        /// A hyperparameter value: an integer or a number.
        enum Value: Encodable {
            case integer(Int)
            case number(Double)

            func encode(to encoder: any Encoder) throws {
                var container = encoder.singleValueContainer()
                switch self {
                case .integer(let value): try container.encode(value)
                case .number(let value): try container.encode(value)
                }
            }
        }

        let model: String
        let trainingFile: String
        let validationFile: String?
        let suffix: String?
        let seed: Int?
        let method: Method

        enum CodingKeys: String, CodingKey {
            case model, suffix, seed, method
            case trainingFile = "training_file"
            case validationFile = "validation_file"
        }
    }
}

extension OpenAIFineTuningWire.Metrics {
    /// The losses as a ``LossPoint`` at `step` (the event's own step if it has one).
    func point(step fallback: Int? = nil) -> LossPoint? {
        guard let step = step.map({ Int($0) }) ?? fallback else { return nil }
        return LossPoint(step: step, trainLoss: trainLoss, validLoss: validLoss, totalSteps: totalSteps.map { Int($0) })
    }
}

extension OpenAIFineTuningWire.Job {
    var remote: RemoteTuningJob {
        var details: [String: String] = [:]
        let parameters = method?.supervised?.hyperparameters ?? hyperparameters
        if let epochs = parameters?.nEpochs { details["epochs"] = epochs.text }
        if let batch = parameters?.batchSize { details["batch size"] = batch.text }
        if let rate = parameters?.learningRateMultiplier { details["learning rate multiplier"] = rate.text }
        if let files = resultFiles, !files.isEmpty { details["result files"] = files.joined(separator: ", ") }
        let errorText = error.flatMap { error -> String? in
            guard let message = error.message, !message.isEmpty else { return error.code }
            return error.param.map { "\(message) (\($0))" } ?? message
        }
        return RemoteTuningJob(
            provider: .openAI, id: id, baseModel: model, rawStatus: status, status: TuningStatus(openAI: status),
            fineTunedModel: fineTunedModel, trainedTokens: trainedTokens, error: errorText,
            createdAt: createdAt.map { Date(timeIntervalSince1970: $0) },
            finishedAt: finishedAt.map { Date(timeIntervalSince1970: $0) },
            estimatedFinish: estimatedFinish.map { Date(timeIntervalSince1970: $0) }, trainingFile: trainingFile,
            validationFile: validationFile, details: details)
    }
}
