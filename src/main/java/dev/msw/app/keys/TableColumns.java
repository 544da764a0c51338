package dev.msw.app.keys;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.stage.Window;

/** Small presentation pieces shared by the tab's controllers: text columns and confirmations. */
final class TableColumns {
    private TableColumns() {
    }

    /** A text column whose cells show their full text as a tooltip (paths are often wider than the column). */
    static <S> void text(TableColumn<S, String> c, Function<S, String> value) {
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
            }
        });
    }

    /** Asks before a consequential action; the OK button says what will happen. */
    static boolean confirm(Window owner, String title, String text, String okText) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, text, new ButtonType(okText, ButtonType.OK.getButtonData()), ButtonType.CANCEL);
        a.initOwner(owner);
        a.setTitle(title);
        a.setHeaderText(title);
        a.getDialogPane().setPrefWidth(640);
        return a.showAndWait().filter(b -> b.getButtonData() == ButtonType.OK.getButtonData()).isPresent();
    }
}
