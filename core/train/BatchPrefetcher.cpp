// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/BatchPrefetcher.h"

#include <stdexcept>
#include <utility>

namespace digitpad {

BatchPrefetcher::BatchPrefetcher(std::function<void(const BatchRequest&)> prepare)
    : prepare_(std::move(prepare)), worker_([this] { loop(); }) {}

BatchPrefetcher::~BatchPrefetcher() {
    {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return !running_; });
        stop_ = true;
    }
    changed_.notify_all();
    worker_.join();
}

void BatchPrefetcher::submit(const BatchRequest& request) {
    {
        std::lock_guard lock(mutex_);
        if (pending_)
            throw std::logic_error("BatchPrefetcher::submit: the previous batch was not waited for");
        request_ = request;
        pending_ = true;
        running_ = true;
    }
    changed_.notify_all();
}

void BatchPrefetcher::wait() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return !running_; });
    pending_ = false;
    if (error_)
        std::rethrow_exception(std::exchange(error_, nullptr));
}

void BatchPrefetcher::loop() {
    std::unique_lock lock(mutex_);
    for (;;) {
        changed_.wait(lock, [this] { return running_ || stop_; });
        if (stop_)
            return;
        const BatchRequest request = request_;
        lock.unlock();
        std::exception_ptr error;
        try {
            prepare_(request);
        } catch (...) {
            error = std::current_exception();
        }
        lock.lock();
        error_ = error;
        running_ = false;
        changed_.notify_all();
    }
}

} // namespace digitpad
