import Foundation

/// The jobs and files of ``OpenAIFineTuningStub``; a job advances one stage per poll of
/// `GET /fine_tuning/jobs/{id}`: validating_files (created) → queued → running (``stepsPerPoll``
/// steps per poll, with metrics events) → succeeded, and its `ft:` model becomes servable.
struct FineTuningStubState {
    struct File {
        let id: String
        let filename: String
        let purpose: String
        let content: String
    }

    struct Job {
        let id: String
        let model: String
        let suffix: String?
        let trainingFile: String
        let validationFile: String?
        let hyperparameters: [String: Any]
        let createdAt: Int
        var status = "validating_files"
        var polls = 0
        var steps = 0
        var fineTunedModel: String?
        var finishedAt: Int?
        var events: [[String: Any]] = []
        var checkpoints: [[String: Any]] = []

        /// The id without `ftjob-`, as it appears in model names.
        var shortID: String { String(id.dropFirst("ftjob-".count)) }
    }

    let organization: String
    let totalSteps: Int
    let stepsPerPoll: Int
    var files: [String: File] = [:]
    var jobs: [Job] = []
    var clock = 1_800_000_000

    mutating func tick() -> Int {
        clock += 1
        return clock
    }

    mutating func addFile(filename: String, purpose: String, content: String) -> File {
        let file = File(id: "file-stub\(files.count + 1)", filename: filename, purpose: purpose, content: content)
        files[file.id] = file
        return file
    }

    mutating func addJob(
        model: String, suffix: String?, trainingFile: String, validationFile: String?, hyperparameters: [String: Any]
    ) -> Job {
        var job = Job(
            id: "ftjob-stub\(jobs.count + 1)", model: model, suffix: suffix, trainingFile: trainingFile,
            validationFile: validationFile, hyperparameters: hyperparameters, createdAt: tick())
        addEvent(to: &job, "Created fine-tuning job: \(job.id)")
        addEvent(to: &job, "Validating training file: \(trainingFile)")
        jobs.append(job)
        return job
    }

    /// Advances the job `index` by one poll.
    mutating func poll(_ index: Int) {
        var job = jobs[index]
        defer { jobs[index] = job }
        guard !["succeeded", "failed", "cancelled"].contains(job.status) else { return }
        job.polls += 1
        if job.polls == 1 {
            job.status = "queued"
            addEvent(to: &job, "Files validated, moving job to queued state")
            return
        }
        if job.steps >= totalSteps {
            job.status = "succeeded"
            let model = "ft:\(job.model):\(organization):\(job.suffix ?? ""):\(job.shortID)"
            job.fineTunedModel = model
            job.finishedAt = tick()
            addEvent(to: &job, "New fine-tuned model created")
            addEvent(to: &job, "The job has successfully completed")
            return
        }
        if job.status != "running" {
            job.status = "running"
            addEvent(to: &job, "Fine-tuning job started")
        }
        let end = min(totalSteps, job.steps + stepsPerPoll)
        for step in (job.steps + 1)...end {
            var data: [String: Any] = [
                "step": step, "train_loss": Self.trainLoss(step: step), "total_steps": totalSteps,
                "train_mean_token_accuracy": 0.5,
            ]
            var message = "Step \(step)/\(totalSteps): training loss=\(Self.trainLoss(step: step))"
            if job.validationFile != nil {
                data["valid_loss"] = Self.validLoss(step: step)
                message += ", validation loss=\(Self.validLoss(step: step))"
            }
            addEvent(to: &job, message, type: "metrics", data: data)
            if step % stepsPerPoll == 0 || step == totalSteps {
                var metrics: [String: Any] = ["step": step, "train_loss": Self.trainLoss(step: step)]
                if job.validationFile != nil {
                    metrics["valid_loss"] = Self.validLoss(step: step)
                    metrics["full_valid_loss"] = Self.validLoss(step: step)
                }
                job.checkpoints.append([
                    "object": "fine_tuning.job.checkpoint", "id": "ftckpt-\(job.shortID)-\(step)",
                    "created_at": tick(), "fine_tuning_job_id": job.id, "step_number": step, "metrics": metrics,
                    "fine_tuned_model_checkpoint":
                        "ft:\(job.model):\(organization):\(job.suffix ?? ""):\(job.shortID):ckpt-step-\(step)",
                ])
            }
        }
        job.steps = end
    }

    mutating func cancel(_ index: Int) -> Bool {
        guard !["succeeded", "failed", "cancelled"].contains(jobs[index].status) else { return false }
        var job = jobs[index]
        job.status = "cancelled"
        job.finishedAt = tick()
        addEvent(to: &job, "Fine-tuning job cancelled")
        jobs[index] = job
        return true
    }

    private mutating func addEvent(to job: inout Job, _ message: String, type: String = "message", data: Any = NSNull())
    {
        job.events.append([
            "object": "fine_tuning.job.event", "id": "ftevent-\(job.shortID)-\(job.events.count + 1)",
            "created_at": tick(), "level": "info", "message": message, "type": type, "data": data,
        ])
    }

    /// The training loss the stub reports at `step`: 2.0 · 0.7^(step−1), to 4 decimals.
    static func trainLoss(step: Int) -> Double {
        (2.0 * pow(0.7, Double(step - 1)) * 10_000).rounded() / 10_000
    }

    /// The validation loss at `step`: falls, then rises again (the overfitting shape).
    static func validLoss(step: Int) -> Double {
        ((2.1 * pow(0.75, Double(step - 1)) + 0.08 * Double(step - 1)) * 10_000).rounded() / 10_000
    }

    func jobObject(_ job: Job) -> [String: Any] {
        var parameters: [String: Any] = ["n_epochs": "auto", "batch_size": "auto", "learning_rate_multiplier": "auto"]
        for (key, value) in job.hyperparameters { parameters[key] = value }
        return [
            "object": "fine_tuning.job", "id": job.id, "model": job.model, "created_at": job.createdAt,
            "finished_at": job.finishedAt.map { $0 as Any } ?? NSNull(),
            "fine_tuned_model": job.fineTunedModel.map { $0 as Any } ?? NSNull(),
            "organization_id": organization, "status": job.status, "training_file": job.trainingFile,
            "validation_file": job.validationFile.map { $0 as Any } ?? NSNull(),
            "result_files": job.status == "succeeded" ? ["file-result-\(job.shortID)"] : [],
            "trained_tokens": job.status == "succeeded" ? 1000 * totalSteps : NSNull(),
            "hyperparameters": parameters, "seed": 42, "error": NSNull(),
            "method": ["type": "supervised", "supervised": ["hyperparameters": parameters]],
        ]
    }
}
