// SPDX-License-Identifier: GPL-3.0-or-later
#include "TrainingController.h"

#include "LogCategories.h"
#include "TrainingWorker.h"

#include <QCoreApplication>
#include <QMetaObject>

TrainingController::TrainingController(QObject* parent)
    : QObject(parent), control_(std::make_unique<digitpad::TrainingControl>()) {
    registerTrainingTypes();
    thread_.setObjectName(QStringLiteral("digitpad-training"));
    startThread();
}

TrainingController::~TrainingController() {
    stopThread();
}

void TrainingController::startThread() {
    worker_ = new TrainingWorker;
    worker_->moveToThread(&thread_);
    // Receivers live on this (GUI) thread, so these connections are queued: the arguments are copied and the
    // slots run here.
    connect(worker_, &TrainingWorker::dataLoaded, this, &TrainingController::dataLoaded);
    connect(worker_, &TrainingWorker::batchProgress, this, &TrainingController::batchProgress);
    connect(worker_, &TrainingWorker::validationSetLoaded, this, &TrainingController::validationSetLoaded);
    connect(worker_, &TrainingWorker::epochFinished, this, &TrainingController::epochFinished);
    connect(worker_, &TrainingWorker::testEvaluated, this, &TrainingController::testEvaluated);
    connect(worker_, &TrainingWorker::finished, this, &TrainingController::onWorkerFinished);
    connect(worker_, &TrainingWorker::failed, this, &TrainingController::onWorkerFailed);
    thread_.start();
}

void TrainingController::stopThread() {
    control_->cancel = true;
    control_->pause = false;
    thread_.quit();
    thread_.wait();
    // The thread has ended, so deleting its worker here is safe; it also disconnects the worker's signals.
    delete worker_;
    worker_ = nullptr;
    // Reports the finished run queued for this object must not arrive after a stop.
    QCoreApplication::removePostedEvents(this, QEvent::MetaCall);
}

bool TrainingController::start(const QString& dataFolder, const digitpad::TrainConfig& config,
                               const QString& checkpointPath,
                               std::shared_ptr<const digitpad::Checkpoint> resume) {
    if (running_)
        return false;
    control_->cancel = false;
    control_->pause = false;
    setRunning(true);
    TrainingWorker* worker = worker_;
    digitpad::TrainingControl* control = control_.get();
    QMetaObject::invokeMethod(
        worker,
        [worker, dataFolder, config, control, checkpointPath, resume] {
            worker->run(dataFolder, config, control, checkpointPath, resume);
        },
        Qt::QueuedConnection);
    return true;
}

void TrainingController::setPaused(bool paused) {
    if (!running_ || control_->pause.load() == paused)
        return;
    control_->pause = paused;
    qCInfo(lcTrain) << (paused ? "training paused" : "training resumed");
    emit pausedChanged(paused);
}

void TrainingController::cancel() {
    if (!running_)
        return;
    qCInfo(lcTrain) << "training cancel requested";
    const bool wasPaused = control_->pause.load();
    control_->cancel = true;
    control_->pause = false;
    if (wasPaused)
        emit pausedChanged(false);
}

void TrainingController::stopAndWait() {
    if (!running_)
        return;
    const bool wasPaused = control_->pause.load();
    stopThread();
    if (wasPaused)
        emit pausedChanged(false);
    setRunning(false);
    startThread();
}

void TrainingController::setRunning(bool running) {
    if (running_ == running)
        return;
    running_ = running;
    emit runningChanged(running);
}

void TrainingController::onWorkerFinished(const digitpad::TrainingOutcome& outcome,
                                          const TrainedModels& models) {
    if (control_->pause.exchange(false))
        emit pausedChanged(false);
    setRunning(false);
    emit finished(outcome, models);
}

void TrainingController::onWorkerFailed(const digitpad::SessionError& error) {
    qCWarning(lcTrain).noquote() << QString::fromStdString(error.message);
    if (control_->pause.exchange(false))
        emit pausedChanged(false);
    setRunning(false);
    emit failed(error);
}
