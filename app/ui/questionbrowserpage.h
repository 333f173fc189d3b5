#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTextBrowser;

namespace kafkalab::quiz {
class QuestionBank;
}

namespace kafkalab::app {

/**
 * The Quiz page's question browser: the built-in bank (valid questions only; problems are
 * reported in a banner with their FILE:LINE), each question rendered from its Markdown, with its
 * answer revealed on request and a link to the lesson that demonstrates it.
 */
class QuestionBrowserPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuestionBrowserPage)

public:
    explicit QuestionBrowserPage(QWidget *parent = nullptr);
    ~QuestionBrowserPage() override;

    /** Number of questions listed (the valid ones). */
    [[nodiscard]] int questionCount() const;
    /** Shows one question by id, with its answer if asked; false if there is none. */
    bool showQuestion(const QString &id, bool withAnswer = false);

Q_SIGNALS:
    /** The user asked for the lesson that demonstrates the current question. */
    void lessonRequested(const QString &lessonId);

private:
    void applyFilter(const QString &text);
    void render(bool withAnswer);

    const quiz::QuestionBank *m_bank;
    QLabel *m_problems = nullptr;
    QLineEdit *m_filter = nullptr;
    QListWidget *m_list = nullptr;
    QTextBrowser *m_view = nullptr;
    QPushButton *m_reveal = nullptr;
    QPushButton *m_lesson = nullptr;
    QString m_current;
};

} // namespace kafkalab::app
