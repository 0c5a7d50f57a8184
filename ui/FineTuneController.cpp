// SPDX-License-Identifier: GPL-3.0-or-later
#include "FineTuneController.h"

#include "LogCategories.h"

#include <QCoreApplication>
#include <QMetaObject>

FineTuneController::FineTuneController(QObject* parent)
    : QObject(parent), control_(std::make_unique<digitpad::TrainingControl>()) {
    registerTrainingTypes();
    thread_.setObjectName(QStringLiteral("digitpad-fine-tune"));
    startThread();
}

FineTuneController::~FineTuneController() {
    stopThread();
}

void FineTuneController::startThread() {
    worker_ = new FineTuneWorker;
    worker_->moveToThread(&thread_);
    // Receivers live on this (GUI) thread, so these connections are queued: the arguments are copied and the
    // slots run here.
    connect(worker_, &FineTuneWorker::scanned, this, &FineTuneController::scanned);
    connect(worker_, &FineTuneWorker::scanFailed, this, &FineTuneController::scanFailed);
    connect(worker_, &FineTuneWorker::started, this, &FineTuneController::started);
    connect(worker_, &FineTuneWorker::batchProgress, this, &FineTuneController::batchProgress);
    connect(worker_, &FineTuneWorker::epochFinished, this, &FineTuneController::epochFinished);
    connect(worker_, &FineTuneWorker::finished, this, &FineTuneController::onWorkerFinished);
    connect(worker_, &FineTuneWorker::failed, this, &FineTuneController::onWorkerFailed);
    thread_.start();
}

void FineTuneController::stopThread() {
    control_->cancel = true;
    thread_.quit();
    thread_.wait();
    // The thread has ended, so deleting its worker here is safe; it also disconnects the worker's signals.
    delete worker_;
    worker_ = nullptr;
    // Reports the finished run queued for this object must not arrive after a stop.
    QCoreApplication::removePostedEvents(this, QEvent::MetaCall);
}

void FineTuneController::scan(const QString& folder) {
    FineTuneWorker* worker = worker_;
    QMetaObject::invokeMethod(
        worker, [worker, folder] { worker->scan(folder); }, Qt::QueuedConnection);
}

bool FineTuneController::start(const FineTuneJob& job) {
    if (running_)
        return false;
    control_->cancel = false;
    control_->pause = false;
    setRunning(true);
    FineTuneWorker* worker = worker_;
    digitpad::TrainingControl* control = control_.get();
    QMetaObject::invokeMethod(
        worker, [worker, job, control] { worker->run(job, control); }, Qt::QueuedConnection);
    return true;
}

void FineTuneController::cancel() {
    if (!running_)
        return;
    qCInfo(lcTrain) << "fine-tuning cancel requested";
    control_->cancel = true;
}

void FineTuneController::setRunning(bool running) {
    if (running_ == running)
        return;
    running_ = running;
    emit runningChanged(running);
}

void FineTuneController::onWorkerFinished(const digitpad::TrainingOutcome& outcome,
                                          const digitpad::FineTuneScores& after,
                                          std::shared_ptr<const digitpad::Model> model) {
    setRunning(false);
    emit finished(outcome, after, std::move(model));
}

void FineTuneController::onWorkerFailed(const digitpad::SessionError& error) {
    qCWarning(lcTrain).noquote() << QString::fromStdString(error.message);
    setRunning(false);
    emit failed(error);
}
