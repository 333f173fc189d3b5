#pragma once

#include <QMainWindow>

class QListWidget;
class QStackedWidget;

namespace kafkalab::app {

/** The application's main window: a page list on the left and the pages on the right. */
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    enum class Page { Home, Lessons, Playground, Quiz, Progress, Settings };

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    void showPage(Page page);
    [[nodiscard]] Page currentPage() const;

private:
    void addPage(Page page, const QString &title, QWidget *widget);

    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
};

} // namespace kafkalab::app
