#pragma once

#include <QWidget>

#include <memory>

#include "quiz/progressstore.h"

class QCPColorScale;
class QGridLayout;
class QLabel;
class QVBoxLayout;

namespace kafkalab::quiz {
class Clock;
struct ProgressStatistics;
} // namespace kafkalab::quiz

namespace kafkalab::app {

class ProfileManager;
class ProfilePageHeader;
class QuizChart;

/**
 * The Progress page: the library's statistics (ProgressStats) for the current profile, drawn
 * with QCustomPlot: accuracy per study day, topic mastery, the review forecast, true retention,
 * the slowest questions and a year of activity as a heat map; summary figures; and what to study
 * next, each with its lesson one click away. Before the first answer it shows where to begin
 * instead of empty axes.
 */
class ProgressPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProgressPage)

public:
    explicit ProgressPage(ProfileManager *profiles, QWidget *parent = nullptr);
    ~ProgressPage() override;

    /** "Now" for the statistics (tests pass a ManualClock). */
    void setClock(const quiz::Clock &clock);
    /** Recomputes the statistics and redraws every chart. */
    void refresh();
    [[nodiscard]] const quiz::ProgressStatistics &statistics() const { return *m_stats; }
    /** Whether the page shows its "no answers yet" state. */
    [[nodiscard]] bool isEmptyState() const;
    /** Number of "study next" recommendations shown. */
    [[nodiscard]] int recommendationCount() const noexcept { return m_recommendations; }

Q_SIGNALS:
    void lessonRequested(const QString &lessonId);
    /** Start a quiz: a mode, on one topic (empty for all). */
    void quizRequested(kafkalab::quiz::QuizMode mode, const QString &topic);
    void diagnosticRequested();

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QuizChart *addChart(
        const QString &objectName, const QString &title, const QString &explanation, int row, int column);
    void fillSummary();
    void fillRecommendations();
    void fillAccuracy();
    void fillMastery();
    void fillForecast();
    void fillRetention();
    void fillTimes();
    void fillHeatMap();

    ProfileManager *m_profiles;
    const quiz::Clock *m_clock;
    std::unique_ptr<quiz::ProgressStatistics> m_stats;
    ProfilePageHeader *m_header = nullptr;
    QWidget *m_empty = nullptr;
    QWidget *m_filled = nullptr;
    QList<QLabel *> m_tileValues;
    QList<QLabel *> m_tileNotes;
    QCPColorScale *m_heatScale = nullptr;
    QVBoxLayout *m_next = nullptr;
    QWidget *m_nextBox = nullptr;
    QGridLayout *m_charts = nullptr;
    QuizChart *m_accuracy = nullptr;
    QuizChart *m_mastery = nullptr;
    QuizChart *m_forecast = nullptr;
    QuizChart *m_retention = nullptr;
    QuizChart *m_times = nullptr;
    QuizChart *m_heatMap = nullptr;
    int m_recommendations = 0;
    bool m_dirty = true;
};

} // namespace kafkalab::app
