// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

namespace digitpad {

/// Which batch to prepare.
struct BatchRequest {
    int epoch = 0; ///< 1-based
    int batch = 0; ///< 0-based within the epoch
};

/// Prepares one batch at a time on a second thread, so that batch k + 1 is gathered and augmented while
/// batch k trains. The caller alternates submit(k + 1) and wait(); the prepare function writes into buffers
/// the caller is not using until wait() returns (wait() orders those writes before the caller's reads).
/// Submitting and waiting allocate nothing.
class BatchPrefetcher {
public:
    /// Starts the worker thread. `prepare` runs on it, one request at a time.
    explicit BatchPrefetcher(std::function<void(const BatchRequest&)> prepare);
    /// Lets a running request finish, then stops and joins the thread.
    ~BatchPrefetcher();
    BatchPrefetcher(const BatchPrefetcher&) = delete;
    BatchPrefetcher& operator=(const BatchPrefetcher&) = delete;

    /// Hands `request` to the worker. Throws std::logic_error when the previous one was not waited for.
    void submit(const BatchRequest& request);
    /// Blocks until the submitted request is done; rethrows what prepare threw. Returns at once when nothing
    /// was submitted.
    void wait();

private:
    void loop();

    std::function<void(const BatchRequest&)> prepare_;
    std::mutex mutex_;
    std::condition_variable changed_;
    BatchRequest request_;
    bool pending_ = false; ///< submitted and not yet waited for
    bool running_ = false; ///< the worker has not finished the pending request
    bool stop_ = false;
    std::exception_ptr error_;
    std::thread worker_; ///< last: starts after every other member is ready
};

} // namespace digitpad
