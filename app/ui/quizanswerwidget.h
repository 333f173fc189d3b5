#pragma once

#include <QList>
#include <QWidget>

#include "quiz/answergrader.h"

class QAbstractButton;
class QButtonGroup;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QVBoxLayout;

namespace kafkalab::quiz {
struct SessionItem;
}

namespace kafkalab::app {

/**
 * The answer inputs of one question, by kind: numbered radio buttons (single, predict) or check
 * boxes (multi) with the options' Markdown beside them, a reorderable list (order), a line
 * (fill) or a notes box (recall). Everything works from the keyboard: the number keys pick
 * options (activatePosition), Alt+Up/Down move a step of an order question, Enter in the fill
 * line submits. After grading, each option shows ✔/✘ in words and colour, and its explanation.
 */
class QuizAnswerWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuizAnswerWidget)

public:
    explicit QuizAnswerWidget(QWidget *parent = nullptr);
    ~QuizAnswerWidget() override;

    /** Builds the inputs for a session item; options appear in its display order. */
    void setItem(const quiz::SessionItem &item);
    /** Puts a saved answer (a mock draft, a submitted answer) back into the inputs. */
    void setAnswer(const quiz::Answer &answer);
    /** The answer as entered (a recall answer without its self-grade). */
    [[nodiscard]] quiz::Answer answer() const;
    /** Enough is entered to submit: an option, a text, … (recall and order: always). */
    [[nodiscard]] bool isComplete() const;
    /** The user changed something (order questions: moved a step). */
    [[nodiscard]] bool isTouched() const noexcept { return m_touched; }
    void setLocked(bool locked);
    /** Marks every option right or wrong, the user's picks, and (with `explanations`) each option's why. */
    void showGrade(const quiz::Grade &grade, bool explanations);

    /** Picks (single) or toggles (multi) the option at a 0-based display position; false if none. */
    bool activatePosition(int position);
    /** Order questions: moves the selected step up (-1) or down (+1). */
    void moveSelected(int delta);
    /** Gives the keyboard focus to the first input. */
    void focusInput();
    /** Number of options shown (0 for fill and recall). */
    [[nodiscard]] int optionCount() const;

Q_SIGNALS:
    void answerChanged();
    /** Enter in the fill line. */
    void submitRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct OptionRow
    {
        int option = 0;
        QAbstractButton *button = nullptr;
        QLabel *text = nullptr;
        QLabel *mark = nullptr;
        QLabel *why = nullptr;
        /** "**2** · " before the explanation when it is not beside its option. */
        QString whyPrefix;
    };

    void clear();
    void buildOptions(bool multiple);
    void buildOrder();
    void renumberOrder();
    void changed();
    void markChoices();

    quiz::Question m_question;
    QList<int> m_displayOrder;
    QVBoxLayout *m_layout = nullptr;
    QWidget *m_body = nullptr;
    QButtonGroup *m_group = nullptr;
    QList<OptionRow> m_rows;
    QListWidget *m_order = nullptr;
    QPushButton *m_up = nullptr;
    QPushButton *m_down = nullptr;
    QLabel *m_orderMarks = nullptr;
    QLineEdit *m_fill = nullptr;
    QPlainTextEdit *m_notes = nullptr;
    bool m_locked = false;
    bool m_touched = false;
    bool m_restoring = false;
};

} // namespace kafkalab::app
